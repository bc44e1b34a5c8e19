// The second line of defence against secrets. The first is the whitelist in build.ts (no raw ARM property is
// ever copied). Tags, names and messages are free text people typed, though, and people paste connection strings,
// SAS tokens and passwords into them:
//   - tag VALUES are recorded only for tag keys on an allow-list (`evidenceTags` in .plreview.yaml; default below);
//     other tags keep their key with NOT_RECORDED, and a key that names a secret is left out entirely;
//   - every string of the bundle passes scrubText, which replaces credential-shaped text by `[redacted]`.
// Written by hand: the secret scanners on npm (detect-secrets ports, gitleaks rules) scan files and report findings;
// none redacts spans of a string in place with linear-time patterns.

import { setOwn } from './canonical';

export const REDACTED = '[redacted]';
/** The value shown for a tag whose key is not on the allow-list: the key is evidence, its value is not. */
export const NOT_RECORDED = '[not recorded]';

/** Tag keys whose values evidence records, compared case-insensitively. */
export const DEFAULT_EVIDENCE_TAGS: readonly string[] = ['owner', 'environment', 'costCenter', 'application', 'dataClassification'];

/** Words that make a key (tag key, `key=value`, JSON property) name a secret; a trailing number is allowed. */
const SECRET_WORD =
  '(?:pass(?:word|wd|phrase)?|pwd|secret|token|sas|sig|signature|(?:access|account|api|app|auth|client|master|primary|private|secondary|shared|storage|subscription|function|host|encryption|signing)[-_ ]?keys?|apikey|connection[-_ ]?strings?|credentials?|auth(?:orization)?|cookie|session[-_ ]?id)';

/** Tag keys that name a secret (`adminPassword2`, `sasToken`, `db-password`, `primary_key`): left out entirely. */
const SECRET_KEY = new RegExp(`${SECRET_WORD}[-_ ]?\\d*$`, 'i');

/**
 * Pieces of text that look like credentials, wherever they occur (a pattern, or a pattern and its replacement).
 * Each is linear: a lookbehind lets the engine start a run only once, at its first character, and no quantifier
 * is nested.
 */
const SECRET_SHAPES: readonly (RegExp | readonly [RegExp, string])[] = [
  // PEM private keys, with or without their END line (a truncated paste)
  /-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z ]*PRIVATE KEY-----|[\s\S]*$)/g,
  // HTTP authorization (before key = value, which would take only the scheme as the value): `Authorization: Basic dXNlcjpwYXNz`, `Bearer <token>`, `Digest …`
  // (case-sensitive, so the lookahead can tell a credential, with digits, symbols or inner capitals, from a word)
  /\b(?:[Bb]asic|BASIC|[Bb]earer|BEARER|[Dd]igest|[Nn]egotiate|NTLM|[Nn]tlm)\s+(?=[A-Za-z0-9._~+/=-]*(?:[0-9+/=_~-]|[A-Za-z][A-Z]))[A-Za-z0-9._~+/=-]{8,}/g,
  // key = value, key: value, "key": "value", key%3Dvalue (URL-encoded), values quoted or bare:
  // password="…", pwd = '…', AccountKey=…, SharedAccessKey=…, sig=…, sig%3D…, {"AccountKey":"…"}, client_secret: …
  new RegExp(`(?<![A-Za-z0-9_.-])["']?[A-Za-z0-9_.-]*${SECRET_WORD}[-_ ]?\\d*["']?\\s*(?:=|:|%3[Dd])\\s*(?:"[^"\\n]*"|'[^'\\n]*'|[^\\s;,&"'<>]+)`, 'gi'),
  // user:password@ in URLs (redis://:pass@host, https://user:pass@host): the password part
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:)[^\s/@]+@/gi, `$1${REDACTED}@`],
  // JSON web tokens
  /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?/g,
  // tokens with a recognisable prefix: GitHub, GitLab, Slack, npm, AWS access key ids, Google API keys, OpenAI
  /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|npm_[A-Za-z0-9]{36}|A(?:KIA|SIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_-]{35}|sk-[A-Za-z0-9_-]{20,})/g,
  // base64 keys ending in padding (Redis access keys, storage keys); the lookbehind makes the engine try each run
  // once, from its start: linear, where an unanchored run backtracks quadratically
  /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{30,}={1,2}/g,
];

/** Long runs of base64url or hex characters, checked one by one by looksRandom (unpadded keys). */
const LONG_RUN = /(?<![A-Za-z0-9+_-])[A-Za-z0-9+_-]{32,}(?![A-Za-z0-9+_-])/g;
/**
 * The same with `/` (standard base64), longer. Resource-id paths are such runs too (`Network/privateEndpoints/pe1/…`):
 * a run that starts with `/` or holds a camelCase word as a segment (`privateEndpoints`) is a path, not a key.
 */
const LONG_SLASHED_RUN = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}(?![A-Za-z0-9+/])/g;

/** Cheap pre-check: most strings (ids, names, IPs) cannot hold any of the shapes above. */
const MIGHT_HOLD_SECRET = /[=:@]|%3d|eyJ|bearer|basic|digest|ntlm|negotiate|-----BEGIN|[A-Za-z0-9+/_-]{20}/i;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.trim());
}

/** The text with every credential-shaped piece replaced by `[redacted]`. */
export function scrubText(text: string): string {
  if (!MIGHT_HOLD_SECRET.test(text)) return text;
  let result = text;
  for (const shape of SECRET_SHAPES) result = Array.isArray(shape) ? result.replace(shape[0], shape[1]) : result.replace(shape as RegExp, REDACTED);
  result = result.replace(LONG_SLASHED_RUN, (run) => (run.includes('/') && !looksLikePath(run) && looksRandom(run) ? REDACTED : run));
  return result.replace(LONG_RUN, (run) => (looksRandom(run) ? REDACTED : run));
}

function looksLikePath(run: string): boolean {
  return run.startsWith('/') || run.split('/').some((segment) => /^[a-z]+(?:[A-Z][a-z]+)+$/.test(segment));
}

/**
 * An unpadded key (base64, base64url or hex) among ids and names: ids and names are words joined by separators,
 * a key is a long run that mixes cases and digits (at least 3 capitals, 3 small letters and 2 digits: a random
 * 32-character base64 key has that about 99% of the time), or a long run of hex with digits and letters.
 */
function looksRandom(run: string): boolean {
  if (/^[0-9a-f]{32,}$/i.test(run) && /[0-9]/.test(run) && /[a-f]/i.test(run)) return true;
  let upper = 0;
  let lower = 0;
  let digit = 0;
  for (const ch of run) {
    if (ch >= 'A' && ch <= 'Z') upper++;
    else if (ch >= 'a' && ch <= 'z') lower++;
    else if (ch >= '0' && ch <= '9') digit++;
  }
  return upper >= 3 && lower >= 3 && digit >= 2;
}

/**
 * Tags as evidence records them: values only for keys on the allow-list (case-insensitive), NOT_RECORDED for the
 * others, and keys that name a secret left out. Keys and values are scrubbed like any other text.
 */
export function evidenceTags<V>(
  tags: Readonly<Record<string, V>>,
  allowed: readonly string[],
  notRecorded: V,
): Record<string, V> {
  const allow = new Set(allowed.map((k) => k.toLowerCase()));
  const kept: Record<string, V> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (isSecretKey(key)) continue;
    setOwn(kept, scrubText(key), allow.has(key.trim().toLowerCase()) ? value : notRecorded);
  }
  return kept;
}
