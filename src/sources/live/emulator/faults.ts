// Faults the emulator injects on demand, so tests and benches see what Azure does on a bad day.

export type RequestMatcher = string | RegExp | ((request: { method: string; path: string }) => boolean);

export interface FaultRule {
  /**
   * `throttle`: 429 with `retry-after-ms`; `error`: a 5xx; `hang`: never answer (until the emulator closes);
   * `body`: 200 with `body` as the text (a malformed answer: `{"value":"not-an-array"}`, an empty body, not JSON).
   */
  readonly kind: 'throttle' | 'error' | 'hang' | 'body';
  /** Which requests: a case-insensitive substring of the path, a RegExp on the path, or a predicate. Default: all. */
  readonly match?: RequestMatcher;
  /** How many matching requests the rule applies to; default: all of them. */
  readonly times?: number;
  /** For `error`: the status (default 503). */
  readonly status?: number;
  /** For `throttle`: the delay asked for in `retry-after-ms` (default 10). */
  readonly retryAfterMs?: number;
  /** For `body`: the exact response text (default: empty). */
  readonly body?: string;
}

export interface EmulatorFaults {
  /** Subscriptions that answer every request with 403 `AuthorizationFailed` (Resource Graph silently skips them). */
  readonly forbiddenSubscriptions?: readonly string[];
  /** `forbidden`: Resource Graph answers 403; `unavailable`: 503 every time. The inventory falls back to ARM. */
  readonly resourceGraph?: 'ok' | 'forbidden' | 'unavailable';
  /** Added to every response (ms). */
  readonly latencyMs?: number;
  readonly rules?: readonly FaultRule[];
}

export function matches(matcher: RequestMatcher | undefined, request: { method: string; path: string }): boolean {
  if (matcher === undefined) return true;
  if (typeof matcher === 'string') return request.path.toLowerCase().includes(matcher.toLowerCase());
  if (matcher instanceof RegExp) return matcher.test(request.path);
  return matcher(request);
}

/** Counts how often each rule fired, so `times` limits hold across requests. */
export class FaultState {
  private faults: EmulatorFaults;
  private fired = new Map<FaultRule, number>();

  constructor(faults: EmulatorFaults = {}) {
    this.faults = faults;
  }

  set(faults: EmulatorFaults): void {
    this.faults = faults;
    this.fired = new Map();
  }

  get current(): EmulatorFaults {
    return this.faults;
  }

  isForbidden(subscriptionId: string | undefined): boolean {
    if (!subscriptionId) return false;
    return (this.faults.forbiddenSubscriptions ?? []).some((s) => s.toLowerCase() === subscriptionId.toLowerCase());
  }

  /** The first rule that applies to this request (and counts it), if any. */
  take(request: { method: string; path: string }): FaultRule | undefined {
    for (const rule of this.faults.rules ?? []) {
      if (!matches(rule.match, request)) continue;
      const count = this.fired.get(rule) ?? 0;
      if (rule.times !== undefined && count >= rule.times) continue;
      this.fired.set(rule, count + 1);
      return rule;
    }
    return undefined;
  }
}
