// The subset of Kusto (KQL) the emulator's Resource Graph endpoint understands: enough for the inventory's own
// queries (README.md lists it). Anything else is refused with the error Resource Graph gives, `InvalidQuery`, so a
// query the emulator cannot answer fails loudly instead of returning wrong rows.

export type Row = Record<string, unknown>;

export class KqlError extends Error {}

type Token = { kind: 'str' | 'num' | 'ident' | 'op'; text: string };

// Longest first, so `!in~` wins over `!in` and `==` over `=`.
const OPERATORS = ['!contains', '!in~', '!in', '=~', '!~', '==', '!=', '>=', '<=', '>', '<', '|', '(', ')', ',', '.', '[', ']', '='];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) j++;
        value += text[j++];
      }
      if (j >= text.length) throw new KqlError('unterminated string literal');
      tokens.push({ kind: 'str', text: value });
      i = j + 1;
      continue;
    }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+/.exec(text.slice(i))!;
      tokens.push({ kind: 'num', text: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i) && !(/[a-z]$/.test(o) && /[A-Za-z0-9_]/.test(text[i + o.length] ?? '')));
    if (op) {
      tokens.push({ kind: 'op', text: op });
      i += op.length;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) throw new KqlError(`unexpected character '${c}'`);
    let word = m[0];
    if (word.toLowerCase() === 'in' && text[i + 2] === '~') word = 'in~';
    tokens.push({ kind: 'ident', text: word });
    i += word.length;
  }
  return tokens;
}

type Term = (row: Row) => unknown;
type Predicate = (row: Row) => boolean;

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }
  done(): boolean {
    return this.pos >= this.tokens.length;
  }
  next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw new KqlError('unexpected end of query');
    return token;
  }
  isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'ident' && t.text.toLowerCase() === word;
  }
  isOp(op: string): boolean {
    const t = this.peek();
    return t?.kind === 'op' && t.text === op;
  }
  expectOp(op: string): void {
    const t = this.next();
    if (t.kind !== 'op' || t.text !== op) throw new KqlError(`expected '${op}', found '${t.text}'`);
  }
  word(): string {
    const t = this.next();
    if (t.kind !== 'ident') throw new KqlError(`expected a name, found '${t.text}'`);
    return t.text;
  }

  expression(): Predicate {
    let left = this.conjunction();
    while (this.isWord('or')) {
      this.next();
      const l = left;
      const r = this.conjunction();
      left = (row) => l(row) || r(row);
    }
    return left;
  }

  conjunction(): Predicate {
    let left = this.unary();
    while (this.isWord('and')) {
      this.next();
      const l = left;
      const r = this.unary();
      left = (row) => l(row) && r(row);
    }
    return left;
  }

  unary(): Predicate {
    if (this.isWord('not') && this.peek(1)?.text === '(') {
      this.next();
      const inner = this.parenthesised();
      return (row) => !inner(row);
    }
    if (this.isOp('(')) return this.parenthesised();
    for (const [name, test] of EMPTINESS) {
      if (this.isWord(name) && this.peek(1)?.text === '(') {
        this.next();
        this.expectOp('(');
        const term = this.term();
        this.expectOp(')');
        return (row) => test(term(row));
      }
    }
    const left = this.term();
    const op = this.next();
    const opText = op.text.toLowerCase();
    if (opText === 'in' || opText === 'in~' || opText === '!in' || opText === '!in~') {
      this.expectOp('(');
      const values: string[] = [];
      while (!this.isOp(')')) {
        values.push(String(this.literal()));
        if (this.isOp(',')) this.next();
      }
      this.expectOp(')');
      const insensitive = opText.endsWith('~');
      const set = new Set(values.map((v) => (insensitive ? v.toLowerCase() : v)));
      const negate = opText.startsWith('!');
      return (row) => {
        const value = asText(left(row));
        return set.has(insensitive ? value.toLowerCase() : value) !== negate;
      };
    }
    const right = this.term();
    const compare = COMPARISONS[opText];
    if (!compare) throw new KqlError(`operator '${op.text}' is not supported by this emulator`);
    return (row) => compare(left(row), right(row));
  }

  parenthesised(): Predicate {
    this.expectOp('(');
    const inner = this.expression();
    this.expectOp(')');
    return inner;
  }

  literal(): string | number {
    const t = this.next();
    if (t.kind === 'str') return t.text;
    if (t.kind === 'num') return Number(t.text);
    throw new KqlError(`expected a literal, found '${t.text}'`);
  }

  term(): Term {
    const t = this.peek();
    if (!t) throw new KqlError('unexpected end of query');
    if (t.kind === 'str' || t.kind === 'num') {
      const value = this.literal();
      return () => value;
    }
    if (t.kind === 'ident' && this.peek(1)?.text === '(') {
      const name = this.word().toLowerCase();
      const fn = FUNCTIONS[name];
      if (!fn) throw new KqlError(`function '${name}' is not supported by this emulator`);
      this.expectOp('(');
      const arg = this.term();
      this.expectOp(')');
      return (row) => fn(arg(row));
    }
    if (t.kind === 'ident' && (t.text === 'true' || t.text === 'false')) {
      this.next();
      const value = t.text === 'true';
      return () => value;
    }
    const path = this.path();
    return (row) => dig(row, path);
  }

  path(): (string | number)[] {
    const path: (string | number)[] = [this.word()];
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        path.push(this.word());
      } else if (this.isOp('[')) {
        this.next();
        const key = this.literal();
        this.expectOp(']');
        path.push(key);
      } else return path;
    }
  }
}

const EMPTINESS: [string, (v: unknown) => boolean][] = [
  ['isempty', (v) => v === undefined || v === null || v === ''],
  ['isnotempty', (v) => !(v === undefined || v === null || v === '')],
  ['isnull', (v) => v === undefined || v === null],
  ['isnotnull', (v) => !(v === undefined || v === null)],
];

const FUNCTIONS: Record<string, (v: unknown) => unknown> = {
  tostring: asText,
  tolower: (v) => asText(v).toLowerCase(),
  toupper: (v) => asText(v).toUpperCase(),
  // KQL: the length of a dynamic array, null for anything else.
  array_length: (v) => (Array.isArray(v) ? v.length : null),
};

/** Numeric comparisons; like KQL, null (or a value that is not a number) compares false. */
function numeric(test: (a: number, b: number) => boolean): (a: unknown, b: unknown) => boolean {
  return (a, b) => typeof a === 'number' && typeof b === 'number' && test(a, b);
}

const lower = (v: unknown) => asText(v).toLowerCase();
const COMPARISONS: Record<string, (a: unknown, b: unknown) => boolean> = {
  '==': (a, b) => asText(a) === asText(b),
  '!=': (a, b) => asText(a) !== asText(b),
  '=~': (a, b) => lower(a) === lower(b),
  '!~': (a, b) => lower(a) !== lower(b),
  contains: (a, b) => lower(a).includes(lower(b)),
  '!contains': (a, b) => !lower(a).includes(lower(b)),
  has: (a, b) => lower(a).includes(lower(b)),
  startswith: (a, b) => lower(a).startsWith(lower(b)),
  endswith: (a, b) => lower(a).endsWith(lower(b)),
  '>': numeric((a, b) => a > b),
  '>=': numeric((a, b) => a >= b),
  '<': numeric((a, b) => a < b),
  '<=': numeric((a, b) => a <= b),
};

/** KQL's `tostring`: dynamic values become their JSON text, null becomes empty. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Property access is case-sensitive for dynamic columns in KQL; column names are matched case-insensitively. */
function dig(row: Row, path: readonly (string | number)[]): unknown {
  const [first, ...rest] = path;
  const key = String(first) in row ? String(first) : Object.keys(row).find((k) => k.toLowerCase() === String(first).toLowerCase());
  let current: unknown = key === undefined ? undefined : row[key];
  for (const segment of rest) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

export interface CompiledQuery {
  readonly table: string;
  run(rows: readonly Row[]): Row[];
}

/** Splits on `|` outside strings and parses each stage. Throws KqlError on anything outside the subset. */
export function compileKql(query: string): CompiledQuery {
  const tokens = tokenize(query);
  const stages: Token[][] = [[]];
  for (const token of tokens) {
    if (token.kind === 'op' && token.text === '|') stages.push([]);
    else stages[stages.length - 1].push(token);
  }
  const [tableTokens, ...operatorStages] = stages;
  if (tableTokens.length !== 1 || tableTokens[0].kind !== 'ident') throw new KqlError('a query starts with a table name');
  const table = tableTokens[0].text.toLowerCase();
  const steps = operatorStages.map(compileStage);
  return {
    table,
    run(rows) {
      let current: Row[] = [...rows];
      for (const step of steps) current = step(current);
      return current;
    },
  };
}

function compileStage(tokens: Token[]): (rows: Row[]) => Row[] {
  const p = new Parser(tokens);
  const op = p.word().toLowerCase();
  if (op === 'where') {
    const predicate = p.expression();
    end(p);
    return (rows) => rows.filter(predicate);
  }
  if (op === 'project' || op === 'extend') {
    const columns: { name: string; term: Term }[] = [];
    for (;;) {
      const isAlias = p.peek()?.kind === 'ident' && p.peek(1)?.text === '=';
      if (isAlias) {
        const name = p.word();
        p.expectOp('=');
        columns.push({ name, term: p.term() });
      } else {
        const path = p.path();
        if (path.length !== 1) throw new KqlError(`give '${path.join('.')}' a column name ('name = ${path.join('.')}')`);
        const name = String(path[0]);
        columns.push({ name, term: (row) => dig(row, path) });
      }
      if (p.done()) break;
      p.expectOp(',');
    }
    return (rows) =>
      rows.map((row) => {
        const out: Row = op === 'extend' ? { ...row } : {};
        for (const column of columns) out[column.name] = column.term(row);
        return out;
      });
  }
  if (op === 'order' || op === 'sort') {
    if (!p.isWord('by')) throw new KqlError(`expected 'by' after '${op}'`);
    p.next();
    const path = p.path();
    let direction = 'desc'; // KQL's default
    if (p.isWord('asc') || p.isWord('desc')) direction = p.word().toLowerCase();
    end(p);
    const sign = direction === 'asc' ? 1 : -1;
    return (rows) => [...rows].sort((a, b) => sign * asText(dig(a, path)).localeCompare(asText(dig(b, path))));
  }
  if (op === 'take' || op === 'limit') {
    const n = Number(p.literal());
    end(p);
    return (rows) => rows.slice(0, n);
  }
  throw new KqlError(`operator '${op}' is not supported by this emulator`);
}

function end(p: Parser): void {
  if (!p.done()) throw new KqlError(`unexpected '${p.peek()!.text}'`);
}
