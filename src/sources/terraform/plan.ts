// `terraform show -json` output (a plan, or the current state) → Terraform resources for the provider table.
// Format: Terraform's "JSON Output Format" (format_version 1.x): `planned_values.root_module` (or `values.root_module`
// for a state) holds `resources[]` ({ address, mode, type, name, index, values }) and `child_modules[]`
// recursively. A plan leaves out values known only after apply and marks them in
// `resource_changes[].change.after_unknown`; they are Unknown here, except a reference to another resource of the
// plan (`configuration…expressions.x.references: ["azurerm_redis_cache.r.id", …]`), which is that resource's id
// as the provider table builds it from its planned names. Findings point at the resource object in the plan, and
// carry its address.

import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { FileSpan, SourceProblem } from '../../graph/types';
import { LineIndex } from '../line-index';
import type { ObjectValue, Value } from '../bicep/eval-value';
import { str, unknownValue } from '../bicep/eval-value';
import { armIdOf, type TerraformResource } from './arm-shape';

/** A JSON file that is `terraform show -json` output: both version keys near its start. */
export function looksLikePlan(text: string): boolean {
  return /"format_version"\s*:/.test(text) && /"terraform_version"\s*:/.test(text);
}

export function readPlan(path: string, text: string): { resources: TerraformResource[]; problems: SourceProblem[] } {
  const errors: { offset: number; length: number }[] = [];
  const root = parseTree(text, errors as never[]);
  const lines = new LineIndex(text);
  const spanOf = (node: { offset: number; length: number }): FileSpan => ({ file: path, range: lines.range(node.offset, node.offset + node.length) });
  const problems: SourceProblem[] = errors.map((e) => ({ ruleId: 'syntax-error', message: 'the plan is not valid JSON', span: spanOf(e) }));
  if (!root || root.type !== 'object') return { resources: [], problems };

  const rootModule = child(child(root, 'planned_values') ?? child(root, 'values'), 'root_module');
  const unknownByAddress = new Map<string, JsonNode>();
  for (const change of child(root, 'resource_changes')?.children ?? []) {
    const address = child(change, 'address')?.value;
    const afterUnknown = child(child(change, 'change'), 'after_unknown');
    if (typeof address === 'string' && afterUnknown) unknownByAddress.set(address, afterUnknown);
  }

  // First pass: every planned resource with its known values, so references can be resolved to ids.
  const planned: { node: JsonNode; address: string; module: string; type: string; mode: 'managed' | 'data'; values: ObjectValue }[] = [];
  const visit = (module: JsonNode | undefined) => {
    if (!module) return;
    const prefix = typeof child(module, 'address')?.value === 'string' ? `${child(module, 'address')!.value}.` : '';
    for (const resource of child(module, 'resources')?.children ?? []) {
      const address = child(resource, 'address')?.value;
      const type = child(resource, 'type')?.value;
      if (typeof address !== 'string' || typeof type !== 'string') continue;
      const mode = child(resource, 'mode')?.value === 'data' ? 'data' : 'managed';
      const valuesNode = child(resource, 'values');
      const values = valuesNode ? (toValue(valuesNode, spanOf) as ObjectValue) : ({ kind: 'object', entries: [], span: spanOf(resource) } as ObjectValue);
      planned.push({ node: resource, address, module: prefix, type, mode, values: values.kind === 'object' ? values : { kind: 'object', entries: [], span: spanOf(resource) } });
    }
    for (const childModule of child(module, 'child_modules')?.children ?? []) visit(childModule);
  };
  visit(rootModule);

  const idOf = new Map<string, string>();
  for (const p of planned) idOf.set(p.address, armIdOf(p.type, p.mode, p.values, p.address, path));
  const references = configurationReferences(root);

  const resources: TerraformResource[] = planned.map((p) => {
    const afterUnknown = unknownByAddress.get(p.address);
    // The configuration has one entry per declaration: no instance keys, neither the resource's nor its module's.
    const configAddress = `${p.module.replace(/\[[^\]]*\]/g, '')}${p.address.slice(p.module.length).replace(/\[[^\]]*\]$/, '')}`;
    const refs = references.get(configAddress);
    const resolve = (attributePath: string): Value | undefined => {
      for (const ref of refs?.get(attributePath) ?? []) {
        // Only a reference to a resource's `id` (or the resource itself) stands for its id.
        const target = ref.replace(/\.id$/, '');
        const instances = idOf.has(target) ? [target] : [...idOf.keys()].filter((a) => a.startsWith(`${target}[`));
        if (instances.length !== 1) continue;
        const id = str(idOf.get(instances[0])!, spanOf(p.node));
        // Without the provider schema, a list of ids is known by the attribute's name (`private_dns_zone_ids`).
        return /_ids$/.test(attributePath) ? { kind: 'array', items: [id], span: id.span } : id;
      }
      return undefined;
    };
    const values = afterUnknown ? markUnknown(p.values, afterUnknown, '', resolve, spanOf(p.node)) : p.values;
    return {
      address: p.address,
      type: p.type,
      mode: p.mode,
      file: path,
      values: values as ObjectValue,
      span: spanOf(p.node),
      inLoop: false,
      conditional: false,
    };
  });
  return { resources, problems };
}

function child(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object') return undefined;
  return node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

function toValue(node: JsonNode, spanOf: (node: JsonNode) => FileSpan): Value {
  const span = spanOf(node);
  switch (node.type) {
    case 'string':
      return str(String(node.value), span);
    case 'number':
      return { kind: 'number', value: Number(node.value), span };
    case 'boolean':
      return { kind: 'bool', value: Boolean(node.value), span };
    case 'null':
      return { kind: 'null', span };
    case 'array':
      return { kind: 'array', items: (node.children ?? []).map((c) => toValue(c, spanOf)), span };
    case 'object':
      return {
        kind: 'object',
        span,
        entries: (node.children ?? []).flatMap((p) => {
          const [key, value] = p.children ?? [];
          return key && value ? [{ key: String(key.value), value: toValue(value, spanOf) }] : [];
        }),
      };
    default:
      return unknownValue('not a JSON value', span);
  }
}

/** Applies `after_unknown` (same shape as the values, `true` where unknown) to the planned values. */
function markUnknown(value: Value, marks: JsonNode, path: string, resolve: (path: string) => Value | undefined, span: FileSpan): Value {
  if (marks.type === 'boolean' && marks.value === true) {
    return resolve(path.replace(/\[\d+\]/g, '')) ?? unknownValue(`${path || 'the value'} is known only after apply`, value.span ?? span);
  }
  if (marks.type === 'object' && value.kind === 'object') {
    const entries = value.entries.map((e) => {
      const mark = child(marks, e.key);
      return mark ? { key: e.key, value: markUnknown(e.value, mark, path ? `${path}.${e.key}` : e.key, resolve, span) } : e;
    });
    // Keys the plan leaves out because they are unknown.
    for (const property of marks.children ?? []) {
      const [key, mark] = property.children ?? [];
      if (!key || !mark || entries.some((e) => e.key === key.value)) continue;
      const name = String(key.value);
      if (mark.type === 'boolean' && mark.value === true) {
        const attributePath = path ? `${path}.${name}` : name;
        entries.push({ key: name, value: resolve(attributePath.replace(/\[\d+\]/g, '')) ?? unknownValue(`${attributePath} is known only after apply`, value.span ?? span) });
      }
    }
    return { ...value, entries };
  }
  if (marks.type === 'array' && value.kind === 'array') {
    return { ...value, items: value.items.map((item, i) => (marks.children?.[i] ? markUnknown(item, marks.children[i], `${path}[${i}]`, resolve, span) : item)) };
  }
  return value;
}

/**
 * `configuration.root_module` (and `module_calls.*.module`, recursively): for each resource address (with its
 * module prefix), the resources each attribute refers to, as absolute addresses, by attribute path without
 * indexes (`private_service_connection.private_connection_resource_id`). `var.x` in a module is followed to
 * what the module call passes as `x`.
 */
function configurationReferences(root: JsonNode): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  const absolute = (refs: readonly string[], prefix: string, inputs: ReadonlyMap<string, string[]>): string[] =>
    refs.flatMap((ref) => {
      if (ref.startsWith('var.')) return inputs.get(ref.slice(4).split('.')[0]) ?? [];
      if (ref.startsWith('local.') || ref.startsWith('each.') || ref.startsWith('count.')) return [];
      return [`${prefix}${ref}`];
    });
  const visit = (module: JsonNode | undefined, prefix: string, inputs: ReadonlyMap<string, string[]>) => {
    if (!module) return;
    for (const resource of child(module, 'resources')?.children ?? []) {
      const address = child(resource, 'address')?.value;
      if (typeof address !== 'string') continue;
      const refs = new Map<string, string[]>();
      collect(child(resource, 'expressions'), '', refs);
      for (const [key, list] of refs) refs.set(key, absolute(list, prefix, inputs));
      out.set(`${prefix}${address}`, refs);
    }
    for (const call of child(module, 'module_calls')?.children ?? []) {
      const name = call.children?.[0]?.value;
      const body = call.children?.[1];
      if (typeof name !== 'string') continue;
      const callRefs = new Map<string, string[]>();
      for (const property of child(body, 'expressions')?.children ?? []) {
        const [key, value] = property.children ?? [];
        const references = child(value, 'references');
        if (key && references?.type === 'array') {
          callRefs.set(String(key.value), absolute((references.children ?? []).map((r) => String(r.value)), prefix, inputs));
        }
      }
      visit(child(body, 'module'), `${prefix}module.${name}.`, callRefs);
    }
  };
  const collect = (expressions: JsonNode | undefined, path: string, refs: Map<string, string[]>) => {
    if (!expressions) return;
    if (expressions.type === 'array') {
      for (const item of expressions.children ?? []) collect(item, path, refs);
      return;
    }
    if (expressions.type !== 'object') return;
    const references = child(expressions, 'references');
    if (references?.type === 'array' && path) {
      refs.set(path, (references.children ?? []).map((r) => String(r.value)));
      return;
    }
    for (const property of expressions.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key && value) collect(value, path ? `${path}.${key.value}` : String(key.value), refs);
    }
  };
  visit(child(child(root, 'configuration'), 'root_module'), '', new Map());
  return out;
}
