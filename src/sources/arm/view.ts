// A read-only view of a JSON value in an ARM template: the evaluated value (expressions resolved where they can
// be) together with the span it came from. Properties resolved from an expression (`"properties": "[variables('p')]"`)
// keep the expression's span.

import type { Node as JsonNode } from 'jsonc-parser';
import type { FileSpan } from '../../graph/types';
import { isUnknown } from '../../graph/types';
import { evaluationDepth, type Value } from './expression';

export interface View {
  readonly value: Value;
  readonly span: FileSpan;
  /** The JSON node, when the value is written in the file (not computed by an expression). */
  readonly node?: JsonNode;
  /** A property (case-insensitive, as ARM treats property names). */
  get(key: string): View | undefined;
  /** Array items; empty for anything else. */
  items(): View[];
}

/** Evaluates a JSON string; the template supplies the expression context. */
export type StringEvaluator = (text: string, node: JsonNode) => Value;

export class JsonView implements View {
  private evaluated: { value: Value } | undefined;
  private located: FileSpan | undefined;

  constructor(
    readonly node: JsonNode,
    private readonly spanOf: (node: JsonNode) => FileSpan,
    private readonly evaluateString: StringEvaluator,
  ) {}

  /** Computed when read: most views are looked through (`properties`, `sku`) and never underlined. */
  get span(): FileSpan {
    this.located ??= this.spanOf(this.node);
    return this.located;
  }

  get value(): Value {
    // Nesting counts with the expressions it may contain (bounded by limitJsonNesting and the expression parser).
    this.evaluated ??= { value: evaluationDepth.run(() => this.compute()) };
    return this.evaluated.value;
  }

  get(key: string): View | undefined {
    if (this.node.type === 'object') {
      const valueNode = propertyNode(this.node, key);
      return valueNode ? this.child(valueNode) : this.propertyLoop(key);
    }
    if (this.node.type === 'string') return computedView(this.value, this.span).get(key);
    return undefined;
  }

  items(): View[] {
    if (this.node.type === 'array') return (this.node.children ?? []).map((c) => this.child(c));
    if (this.node.type === 'string') return computedView(this.value, this.span).items();
    return [];
  }

  /**
   * A property written as a property loop (`"copy": [{ "name": key, "count": …, "input": {…} }]`, which is also
   * what `bicep build` makes of `key: [for …]`): an array whose one item, the `input`, stands for every
   * iteration, as a Bicep loop body does (`copyIndex('key')` in it is unknown). A count known to be 0 is empty.
   */
  private propertyLoop(key: string): View | undefined {
    const copy = propertyNode(this.node, 'copy');
    if (copy?.type !== 'array') return undefined;
    const loop = copy.children?.find((entry) => entry.type === 'object' && String(propertyNode(entry, 'name')?.value).toLowerCase() === key.toLowerCase());
    const input = loop ? propertyNode(loop, 'input') : undefined;
    if (!loop || !input) return undefined;
    const countNode = propertyNode(loop, 'count');
    const items = countNode && this.child(countNode).value === 0 ? [] : [this.child(input)];
    const span = this.spanOf(loop);
    return { value: items.map((item) => item.value), span, get: () => undefined, items: () => items };
  }

  private child(node: JsonNode): JsonView {
    return new JsonView(node, this.spanOf, this.evaluateString);
  }

  private compute(): Value {
    switch (this.node.type) {
      case 'object': {
        const result: { [key: string]: Value } = {};
        for (const property of this.node.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          if (keyNode && valueNode) result[String(keyNode.value)] = this.child(valueNode).value;
        }
        return result;
      }
      case 'array':
        return (this.node.children ?? []).map((c) => this.child(c).value);
      case 'string':
        return this.evaluateString(String(this.node.value), this.node);
      default:
        return this.node.value as Value;
    }
  }
}

/** The value node of an object's property, matched case-insensitively as ARM does. */
export function propertyNode(object: JsonNode, key: string): JsonNode | undefined {
  const lower = key.toLowerCase();
  for (const property of object.children ?? []) {
    const name: unknown = property.children?.[0]?.value;
    if (name === undefined || name === null) continue;
    // Lower-cased only when it can match: this runs for every property read of every resource.
    const text = typeof name === 'string' ? name : String(name);
    if (text.length === lower.length && (text === key || text.toLowerCase() === lower)) return property.children?.[1];
  }
  return undefined;
}

/** A view over a value an expression computed: every part shares the expression's span. */
export function computedView(value: Value, span: FileSpan): View {
  return {
    value,
    span,
    get(key) {
      // Inside an unknown value every property is unknown too, never absent.
      if (isUnknown(value)) return computedView(value, span);
      if (value === null || typeof value !== 'object' || Array.isArray(value) || isUnknown(value)) return undefined;
      const found = Object.keys(value).find((k) => k.toLowerCase() === key.toLowerCase());
      return found === undefined ? undefined : computedView((value as { [k: string]: Value })[found], span);
    },
    items() {
      return Array.isArray(value) ? value.map((v) => computedView(v, span)) : [];
    },
  };
}
