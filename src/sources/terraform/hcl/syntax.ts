// The syntax tree of HCL's native syntax (hashicorp/hcl `hclsyntax/spec.md`) as the Terraform source reads it.
// Every node has `start`/`end` UTF-16 offsets into the file's text; `LineIndex` turns them into ranges only for
// the few nodes a finding or a fix points at. `.tf.json` files are read into the same tree (json.ts).

export interface Located {
  readonly start: number;
  readonly end: number;
}

export interface HclFile {
  readonly path: string;
  readonly text: string;
  readonly body: Body;
  readonly diagnostics: readonly HclDiagnostic[];
  /** Parser steps (tokens and template characters): linear in the input, asserted by tests. */
  readonly work?: number;
  /**
   * The newest version of this file. A re-parse (reparse.ts) moves the old version's unchanged blocks into the new
   * one and points this shared object at it, so a span kept from an earlier analysis reads its positions in the
   * text its node now belongs to, and keeps no old text alive.
   */
  readonly ref?: FileRef;
  /** Where the top-level parsing steps that reported a diagnostic began (parser.ts; what reparse.ts may keep). */
  readonly reportedFrom?: readonly number[];
}

export interface FileRef {
  file: HclFile;
}

export interface HclDiagnostic extends Located {
  readonly message: string;
}

export interface Body extends Located {
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
}

export interface Attribute extends Located {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly expr: Expr;
}

export interface Label extends Located {
  readonly value: string;
}

export interface Block extends Located {
  readonly type: string;
  readonly typeStart: number;
  readonly typeEnd: number;
  readonly labels: readonly Label[];
  readonly body: Body;
  /** Offset of the `{` that opens the body (`-1` for blocks read from JSON, which have none of their own). */
  readonly openBrace: number;
}

export type Expr =
  | LiteralExpr
  | TemplateExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | SplatItemExpr
  | CallExpr
  | TupleExpr
  | ObjectExpr
  | ForExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | ParensExpr
  | ErrorExpr;

export interface LiteralExpr extends Located {
  readonly type: 'literal';
  readonly value: string | number | boolean | null;
}

/** A quoted string or heredoc. A template of one literal part is a plain string. */
export interface TemplateExpr extends Located {
  readonly type: 'template';
  readonly parts: readonly TemplatePart[];
  readonly heredoc?: boolean;
}

export type TemplatePart = TemplateLiteral | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteral extends Located {
  readonly type: 'text';
  /** The value after escapes, `$${`, heredoc indentation and strip markers. */
  readonly value: string;
}
export interface TemplateInterpolation extends Located {
  readonly type: 'interpolation';
  readonly expr: Expr;
}
export interface TemplateIf extends Located {
  readonly type: 'if';
  readonly condition: Expr;
  readonly then: readonly TemplatePart[];
  readonly else?: readonly TemplatePart[];
}
export interface TemplateFor extends Located {
  readonly type: 'for';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expr;
  readonly body: readonly TemplatePart[];
}

export interface VariableExpr extends Located {
  readonly type: 'variable';
  readonly name: string;
}
export interface GetAttrExpr extends Located {
  readonly type: 'getattr';
  readonly object: Expr;
  readonly name: string;
}
export interface IndexExpr extends Located {
  readonly type: 'index';
  readonly object: Expr;
  readonly key: Expr;
}
/** `source[*].each` / `source.*.each`: `each` is applied to every item (`splatItem` stands for it). */
export interface SplatExpr extends Located {
  readonly type: 'splat';
  readonly source: Expr;
  readonly each: Expr;
}
export interface SplatItemExpr extends Located {
  readonly type: 'splatItem';
}
export interface CallExpr extends Located {
  readonly type: 'call';
  readonly name: string;
  readonly args: readonly Expr[];
  /** `f(a, list...)`: the last argument's items are the remaining arguments. */
  readonly expandFinal: boolean;
}
export interface TupleExpr extends Located {
  readonly type: 'tuple';
  readonly items: readonly Expr[];
}
export interface ObjectItem extends Located {
  /** A bare identifier key is a literal name (`{ foo = 1 }`), written as a literal here. */
  readonly key: Expr;
  readonly value: Expr;
}
export interface ObjectExpr extends Located {
  readonly type: 'object';
  readonly items: readonly ObjectItem[];
}
export interface ForExpr extends Located {
  readonly type: 'for';
  readonly keyVar?: string;
  readonly valueVar: string;
  readonly collection: Expr;
  /** Set for `{ for … : key => value }`. */
  readonly keyExpr?: Expr;
  readonly valueExpr: Expr;
  readonly grouping: boolean;
  readonly condition?: Expr;
}
export interface UnaryExpr extends Located {
  readonly type: 'unary';
  readonly op: '-' | '!';
  readonly operand: Expr;
}
export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';
export interface BinaryExpr extends Located {
  readonly type: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}
export interface ConditionalExpr extends Located {
  readonly type: 'conditional';
  readonly condition: Expr;
  readonly then: Expr;
  readonly else: Expr;
}
export interface ParensExpr extends Located {
  readonly type: 'parens';
  readonly expr: Expr;
}
/** Where an expression was expected but the text has none (a diagnostic is reported there). */
export interface ErrorExpr extends Located {
  readonly type: 'error';
}

/** The attribute of a body by name (the last one wins, as HCL forbids duplicates anyway). */
export function attributeOf(body: Body, name: string): Attribute | undefined {
  for (let i = body.attributes.length - 1; i >= 0; i--) if (body.attributes[i].name === name) return body.attributes[i];
  return undefined;
}

export function blocksOf(body: Body, type: string): Block[] {
  return body.blocks.filter((b) => b.type === type);
}

/** The string of a template made of literal text only, or undefined. */
export function literalString(expr: Expr | undefined): string | undefined {
  if (!expr) return undefined;
  if (expr.type === 'literal' && typeof expr.value === 'string') return expr.value;
  if (expr.type !== 'template') return undefined;
  let out = '';
  for (const part of expr.parts) {
    if (part.type !== 'text') return undefined;
    out += part.value;
  }
  return out;
}
