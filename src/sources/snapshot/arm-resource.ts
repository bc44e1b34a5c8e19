// An ARM resource object exactly as ARM (or `az graph query`, or `az resource show`) returns it. Only the fields
// the graph reads are typed; everything else is ignored on purpose, so secrets in an export never travel further.

export interface ArmResource {
  readonly id: string;
  readonly name?: string;
  readonly type: string;
  readonly location?: string;
  readonly kind?: string;
  readonly sku?: { readonly name?: string; readonly family?: string; readonly capacity?: number; readonly tier?: string };
  readonly tags?: Readonly<Record<string, string>>;
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** Reads a nested value by a list of keys; anything missing or of the wrong shape is undefined. */
export function dig(value: unknown, ...path: (string | number)[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}
