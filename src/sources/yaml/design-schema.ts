// Validates a YAML design against schemas/privatelink-design.schema.json (the same file editors use through
// `yamlValidation`). Each schema error becomes a `design-schema` problem on the offending YAML node.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isNode, type Document, type Node as YamlNode } from 'yaml';
import type { FileSpan, SourceProblem } from '../../graph/types';
import type { LineIndex } from '../line-index';
import { pairOf, spanOfNode } from './yaml-nodes';
import { MAX_SYNTAX_ERRORS } from '../syntax-errors';

export const DESIGN_SCHEMA_FILE = 'schemas/privatelink-design.schema.json';

let validator: ValidateFunction | undefined;

/** How many alias expansions `toJS` allows (the yaml library's own default, stated here because it is a limit). */
const MAX_ALIAS_EXPANSIONS = 100;

/** Schema problems reported per file, like syntax errors (syntax-errors.ts). */
const MAX_SCHEMA_PROBLEMS = MAX_SYNTAX_ERRORS;

/**
 * The schema file ships next to the code (repo, test build, bundle and .vsix all keep `schemas/` at the root),
 * so it is read from disk rather than duplicated in TypeScript.
 */
export function loadDesignSchema(): object {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, DESIGN_SCHEMA_FILE);
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as object;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${DESIGN_SCHEMA_FILE} not found above ${__dirname}`);
    dir = parent;
  }
}

function designValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(loadDesignSchema());
  return validator;
}

/**
 * The schema problems of a design; `notChecked` says why the schema could not be checked at all: aliases that
 * expand too far (a "billion laughs" document) are refused by the yaml library, which keeps the process safe,
 * and the rest of the design is still read from its syntax tree, where aliases stay unexpanded.
 */
export function validateDesign(doc: Document, lines: LineIndex, file: string): { problems: SourceProblem[]; notChecked?: string } {
  const validate = designValidator();
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (error) {
    if (!(error instanceof ReferenceError) && !/alias/i.test(error instanceof Error ? error.message : '')) throw error;
    return { problems: [], notChecked: 'its YAML aliases expand too far (a resource exhaustion guard), so the design schema was not checked' };
  }
  if (validate(value)) return { problems: [] };
  const problems: SourceProblem[] = [];
  const seen = new Set<string>();
  const errors = validate.errors ?? [];
  let read = 0;
  // The first MAX_SCHEMA_PROBLEMS, as for syntax errors: locating each costs a walk of its mapping, so 13,000
  // unknown keys in one mapping took seconds, and past the first ones they say nothing new.
  for (; read < errors.length && problems.length < MAX_SCHEMA_PROBLEMS; read++) {
    const problem = toProblem(errors[read], doc, lines, file);
    const key = `${problem.span.range.start.offset}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  if (read < errors.length) {
    const more = errors.length - read;
    problems.push({
      ruleId: 'design-schema',
      message: `${more} more design schema error${more === 1 ? '' : 's'} in this file ${more === 1 ? 'is' : 'are'} not reported (only the first ${MAX_SCHEMA_PROBLEMS} are).`,
      span: problems[problems.length - 1].span,
    });
  }
  return { problems };
}

function toProblem(error: ErrorObject, doc: Document, lines: LineIndex, file: string): SourceProblem {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const where = displayPath(segments);
  const node = (segments.length === 0 ? doc.contents : doc.getIn(segments, true)) as YamlNode | undefined;
  let span = spanOfNode(isNode(node) ? node : undefined, lines, file) ?? lines.span(file, 0, 0);
  let message: string;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(error.params.additionalProperty);
      const keyNode = pairOf(node, key)?.key as YamlNode | undefined;
      span = spanOfNode(keyNode, lines, file) ?? span;
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const suggestion = closest(key, allowed);
      message = `${where ? `${where}: ` : ''}unknown property '${key}'${suggestion ? ` (did you mean '${suggestion}'?)` : allowed.length ? ` (expected one of ${allowed.join(', ')})` : ''}.`;
      break;
    }
    case 'required':
      span = firstLine(span, lines);
      message = `${where || 'The design'}: '${String(error.params.missingProperty)}' is required.`;
      break;
    case 'enum':
      message = `${where} must be one of ${(error.params.allowedValues as unknown[]).join(', ')}${foundText(node)}.`;
      break;
    case 'const':
      message = `${where} must be ${String(error.params.allowedValue)}${foundText(node)}.`;
      break;
    case 'type':
      message = `${where || 'The design'} must be ${article(String(error.params.type))}${foundText(node)}.`;
      break;
    default:
      message = `${where || 'The design'} ${error.message ?? 'is not valid'}.`;
  }
  return { ruleId: 'design-schema', message, span };
}

function displayPath(segments: readonly (string | number)[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function foundText(node: unknown): string {
  if (!isNode(node) || isMap(node)) return '';
  const value = (node as { toJSON(): unknown }).toJSON();
  return value === undefined || typeof value === 'object' ? '' : ` (found '${String(value)}')`;
}

function article(type: string): string {
  return type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** Keeps squiggles on a large mapping to its first line. */
function firstLine(span: FileSpan, lines: LineIndex): FileSpan {
  const line = span.range.start.line;
  const end = Math.min(span.range.end.offset, lines.lineEnd(line));
  return lines.span(span.file, span.range.start.offset, Math.max(end, span.range.start.offset));
}

/** The allowed key within two edits of a misspelt one (typos such as `publicNetworkAcess`). */
function closest(key: string, allowed: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of allowed) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}
