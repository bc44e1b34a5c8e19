// The second line of defence against secrets. The first is the whitelist in build.ts (no raw ARM property is
// ever copied). Tags and names are free text the owner typed, though, and people do paste connection strings
// and SAS tokens into tags: those are dropped (by key) or redacted (by shape) here, before anything renders.

import { setOwn } from './canonical';

export const REDACTED = '[redacted]';

/** Tag keys that name a secret: the tag is left out of the bundle entirely. */
const SECRET_KEY =
  /(pass(word|wd|phrase)?|pwd|secret|token|sas|(access|primary|secondary|account|api|private|shared)[-_ ]?keys?|connection[-_ ]?strings?|credentials?|auth(orization)?)$/i;

/** Pieces of text that look like credentials, wherever they occur in a string. */
const SECRET_SHAPES: readonly RegExp[] = [
  // key=value pairs of connection strings and SAS tokens: AccountKey=…, SharedAccessKey=…, password=…, sig=…
  /\b(account ?key|shared ?access ?key|shared ?access ?signature|password|pwd|secret|sig|token|access[-_ ]?key|primary[-_ ]?key|secondary[-_ ]?key)\s*[=:]\s*[^\s;,&"'<>]+/gi,
  // JSON web tokens (bearer tokens)
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(\.[A-Za-z0-9_-]*)?/g,
  /\bbearer\s+[A-Za-z0-9._~+/-]{16,}=*/gi,
  // Redis access keys and other base64 secrets: a long base64 run ending in padding… (the lookbehind makes the
  // engine try each run once, from its start: linear, where an unanchored run backtracks quadratically)
  /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{30,}={1,2}/g,
  // …or a long run mixing upper case, lower case and digits with no separator (names and ids have separators).
  /(?<![A-Za-z0-9+])(?=[A-Za-z0-9+]{40,}(?![A-Za-z0-9+]))(?=[A-Za-z0-9+]*[A-Z])(?=[A-Za-z0-9+]*[a-z])(?=[A-Za-z0-9+]*[0-9])[A-Za-z0-9+]{40,}/g,
];

/** Cheap pre-checks: most strings (ids, names, IPs) cannot hold any of the shapes above. */
const MIGHT_HOLD_SECRET = /[=:]|eyJ|bearer|(?<![A-Za-z0-9+])[A-Za-z0-9+]{30}/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.trim());
}

/** The text with every credential-shaped piece replaced by `[redacted]`. */
export function scrubText(text: string): string {
  if (!MIGHT_HOLD_SECRET.test(text)) return text;
  let result = text;
  for (const shape of SECRET_SHAPES) result = result.replace(shape, REDACTED);
  return result;
}

/** Tags without secret-named keys, values scrubbed. */
export function scrubTags<V>(tags: Readonly<Record<string, V>>, scrubValue: (value: V) => V): Record<string, V> {
  const kept: Record<string, V> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (isSecretKey(key)) continue;
    setOwn(kept, scrubText(key), scrubValue(value));
  }
  return kept;
}
