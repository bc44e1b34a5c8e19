// Mutations of design files for the fuzz harness: what a careless editor, a broken tool or an attacker makes of
// a real Bicep, .bicepparam, ARM JSON or YAML design. Each takes the text and a seeded random source, so an
// input is reproduced from (seed, index) alone.

export type Random = () => number;

/** A small seeded generator (mulberry32): reproducible inputs without a dependency. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (random: Random, below: number): number => Math.floor(random() * Math.max(1, below));
export const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];

export type Format = 'bicep' | 'bicepparam' | 'arm' | 'yaml';

export interface Mutation {
  readonly name: string;
  apply(text: string, random: Random, format: Format): string;
}

const at = (text: string, random: Random) => int(random, text.length + 1);
const insert = (text: string, pos: number, what: string) => text.slice(0, pos) + what + text.slice(pos);
const lines = (text: string) => text.split('\n');

/** Openers (and their closers) that nest in each format: brackets, calls, interpolation, flow collections. */
const NESTERS: Record<Format, readonly (readonly [string, string])[]> = {
  bicep: [['[', ']'], ['{\n', '\n}'], ['(', ')'], ["'${", "}'"], ['concat(', ')'], ['!', ''], ['-', ''], ['a ? b : ', 'c'], ['{\na: ', '\n}']],
  bicepparam: [['[', ']'], ['{\n', '\n}'], ['(', ')'], ["'${", "}'"], ['{\na: ', '\n}']],
  arm: [['[', ']'], ['{"a":', '}'], ['"[concat(', ')]"'], ['concat(', ')']],
  yaml: [['[', ']'], ['{a: ', '}'], ['- ', ''], ['&a [*a, ', ']']],
};

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'byte-flip',
    apply(text, random) {
      // Flip bits in the UTF-8 bytes and decode as the CLI reads a file: broken sequences become U+FFFD.
      const bytes = Buffer.from(text, 'utf8');
      for (let n = 1 + int(random, 8); n > 0 && bytes.length > 0; n--) bytes[int(random, bytes.length)] ^= 1 << int(random, 8);
      return bytes.toString('utf8');
    },
  },
  { name: 'truncate', apply: (text, random) => text.slice(0, at(text, random)) },
  {
    name: 'delete',
    apply(text, random) {
      const start = at(text, random);
      return text.slice(0, start) + text.slice(start + 1 + int(random, 200));
    },
  },
  {
    name: 'duplicate-lines',
    apply(text, random) {
      const all = lines(text);
      const start = int(random, all.length);
      const count = 1 + int(random, 20);
      const copies = 1 + int(random, 50);
      const block = all.slice(start, start + count);
      return [...all.slice(0, start), ...Array.from({ length: copies }, () => block).flat(), ...all.slice(start)].join('\n');
    },
  },
  {
    name: 'shuffle-lines',
    apply(text, random) {
      const all = lines(text);
      for (let i = all.length - 1; i > 0; i--) {
        const j = int(random, i + 1);
        [all[i], all[j]] = [all[j], all[i]];
      }
      return all.join('\n');
    },
  },
  {
    name: 'deep-nesting',
    apply(text, random, format) {
      const [open, close] = pick(random, NESTERS[format]);
      const depth = pick(random, [50, 300, 1_000, 5_000, 20_000]);
      const closed = random() < 0.5;
      const budget = Math.floor(400_000 / Math.max(1, open.length + close.length));
      const n = Math.min(depth, budget);
      return insert(text, at(text, random), open.repeat(n) + (closed ? '1' + close.repeat(n) : ''));
    },
  },
  {
    name: 'huge-string',
    apply(text, random, format) {
      const size = pick(random, [10_000, 100_000, 500_000]);
      const unit = pick(random, ['x', '${', '\\', "'", '"', '[', '{a:', ' ', '\n', 'é', '\u{1F600}']);
      const body = unit.repeat(Math.ceil(size / unit.length));
      const quote = format === 'arm' ? '"' : format === 'yaml' ? pick(random, ['', '"', "'"]) : "'";
      return insert(text, at(text, random), quote + body + quote);
    },
  },
  { name: 'nul', apply: (text, random) => insert(text, at(text, random), '\0'.repeat(1 + int(random, 3))) },
  { name: 'bom', apply: (text) => '\uFEFF' + text },
  { name: 'crlf', apply: (text, random) => (random() < 0.5 ? text.replace(/\n/g, '\r\n') : text.replace(/\n/g, '\r')) },
  {
    name: 'invalid-utf8',
    apply(text, random) {
      const bytes = Buffer.from(text, 'utf8');
      const pos = int(random, bytes.length + 1);
      const junk = Buffer.from(pick(random, [[0xff], [0xc3, 0x28], [0xe2, 0x82], [0xf0, 0x28, 0x8c, 0xbc], [0xed, 0xa0, 0x80]]));
      const decoded = Buffer.concat([bytes.subarray(0, pos), junk, bytes.subarray(pos)]).toString('utf8');
      // The editor hands over JavaScript strings, which may hold a lone surrogate too.
      return random() < 0.3 ? insert(decoded, at(decoded, random), '\uD800') : decoded;
    },
  },
];

/** One to three mutations, chosen and applied from the random source. */
export function mutate(text: string, random: Random, format: Format): { text: string; applied: string[] } {
  const applied: string[] = [];
  for (let n = 1 + int(random, 3); n > 0; n--) {
    const mutation = pick(random, MUTATIONS);
    text = mutation.apply(text, random, format);
    applied.push(mutation.name);
  }
  return { text, applied };
}
