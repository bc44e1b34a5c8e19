// Values that leave the evaluator (a DeclaredResource's body and name, kept by the graph or for the next keystroke)
// must not keep the evaluator alive. A `resource` value holds its ResourceEntry and a `module` value a closure over
// its ModuleEntry; through either, the FileInstance, the module loader and every syntax tree of the analysis stay
// reachable for as long as the graph lives (143 MB on the 2,330 AVM files, where the trees of the graph's files
// alone are 19 MB). After evaluation only the answers are read, so those values are replaced by answers.
//
// The replacement functions are module-level on purpose: a closure created inside `detached` would share V8's
// context with `value` and keep the very object it replaces alive.

import type { ModuleRefValue, ResourceHandle, Value } from './eval-value';
import { unknownValue } from './eval-value';

const NO_BODY = (): undefined => undefined;
const NO_OUTPUTS = (): Value => unknownValue('module outputs are not evaluated after the analysis');

/** The value with every resource and module reference inside it replaced by its answers (the same object when there is none). */
export function detached(value: Value): Value {
  switch (value.kind) {
    case 'resource': {
      const handle = value.handle;
      const answers: ResourceHandle = { id: handle.id, name: handle.name, type: handle.type, existing: handle.existing, body: NO_BODY };
      return { kind: 'resource', handle: answers, span: value.span };
    }
    case 'module': {
      const inert: ModuleRefValue = { kind: 'module', symbol: value.symbol, output: NO_OUTPUTS, span: value.span };
      return value.outputsView ? { ...inert, outputsView: true } : inert;
    }
    case 'object': {
      const entries = value.entries;
      let copy: { key: string; value: Value }[] | undefined;
      for (let i = 0; i < entries.length; i++) {
        const inner = detached(entries[i].value);
        if (inner === entries[i].value) continue;
        copy ??= [...entries];
        copy[i] = { key: entries[i].key, value: inner };
      }
      return copy ? { ...value, entries: copy } : value;
    }
    case 'array': {
      const items = value.items;
      let copy: Value[] | undefined;
      for (let i = 0; i < items.length; i++) {
        const inner = detached(items[i]);
        if (inner === items[i]) continue;
        copy ??= [...items];
        copy[i] = inner;
      }
      return copy ? { ...value, items: copy } : value;
    }
    default:
      return value;
  }
}
