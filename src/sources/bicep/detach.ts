// Values that leave the evaluator (a DeclaredResource's body and name, kept by the graph or for the next keystroke)
// must not keep the evaluator alive. A `resource` value holds its ResourceEntry and a `module` value a closure over
// its ModuleEntry; through either, the FileInstance, the module loader and every syntax tree of the analysis stay
// reachable for as long as the graph lives (143 MB on the 2,330 AVM files, where the trees of the graph's files
// alone are 19 MB). After evaluation only the answers are read, so those values are replaced by answers.
//
// A one-shot analysis (the CLI) also replaces spans that are syntax nodes (every value's span is the node that
// produced it: eval-value.ts lazySpan) by spans that hold offsets only, so its graph keeps no syntax subtree alive.
// The editor keeps node spans: they move with the statements reparseBicep reuses on the next keystroke.
//
// The replacement functions are module-level on purpose: a closure created inside `detached` would share V8's
// context with `value` and keep the very object it replaces alive.

import type { FileSpan } from '../../graph/types';
import type { ModuleRefValue, ResourceHandle, UnknownValue, Value } from './eval-value';
import { respanned, spanWithoutSyntax, unknownValue } from './eval-value';

const NO_BODY = (): undefined => undefined;
const NO_OUTPUTS = (): Value => unknownValue('module outputs are not evaluated after the analysis');

/**
 * The value with every resource and module reference inside it replaced by its answers, and with `withoutSyntax`
 * every span that is a syntax node by its offsets (the same object when nothing changes).
 */
export function detached(value: Value, withoutSyntax = false): Value {
  const span = withoutSyntax && value.span ? spanWithoutSyntax(value.span) : value.span;
  switch (value.kind) {
    case 'resource': {
      const handle = value.handle;
      const answers: ResourceHandle = { id: handle.id, name: handle.name, type: handle.type, existing: handle.existing, body: NO_BODY };
      return { kind: 'resource', handle: answers, span };
    }
    case 'module': {
      const inert: ModuleRefValue = { kind: 'module', symbol: value.symbol, output: NO_OUTPUTS, span };
      return value.outputsView ? { ...inert, outputsView: true } : inert;
    }
    case 'object': {
      const entries = value.entries;
      let copy: { key: string; value: Value }[] | undefined;
      for (let i = 0; i < entries.length; i++) {
        const inner = detached(entries[i].value, withoutSyntax);
        if (inner === entries[i].value) continue;
        copy ??= [...entries];
        copy[i] = { key: entries[i].key, value: inner };
      }
      const open = withoutSyntax && value.open ? (detached(value.open, true) as UnknownValue) : value.open;
      if (!copy && span === value.span && open === value.open) return value;
      return open ? { kind: 'object', entries: copy ?? entries, open, span } : { kind: 'object', entries: copy ?? entries, span };
    }
    case 'array': {
      const items = value.items;
      let copy: Value[] | undefined;
      for (let i = 0; i < items.length; i++) {
        const inner = detached(items[i], withoutSyntax);
        if (inner === items[i]) continue;
        copy ??= [...items];
        copy[i] = inner;
      }
      return copy || span !== value.span ? { kind: 'array', items: copy ?? items, span } : value;
    }
    default:
      return span === value.span ? value : respanned(value, span);
  }
}

/** A span without the syntax node behind it (see above); undefined stays undefined. */
export function detachedSpanOf(span: FileSpan | undefined): FileSpan | undefined {
  return span && spanWithoutSyntax(span);
}
