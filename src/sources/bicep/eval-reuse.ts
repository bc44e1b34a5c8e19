// Evaluated resources kept from one keystroke to the next. reparseBicep keeps the syntax of every statement an
// edit did not touch, so a resource whose declaration is the same node as last time, and every statement its
// evaluation can read is too, evaluates to the same DeclaredResource: reuse it instead of evaluating it again.
// On a 10,000-line file that is all resources but the edited one, and their values are already old garbage-wise
// (promoted), so the scavenger has far less young data to copy.
//
// What a resource's evaluation can read: the top-level symbols its statement names, and theirs, transitively
// (the names the parser read as expressions in the statement: symbols, loop variables and function names).
// A reused resource must find each of those names bound to the same statement object as before, or unbound as
// before. Names bound to something that lives in another file (a module, an import) are not reusable: that
// file may have changed. Only root instances (no caller arguments, no loop or condition from a caller) reuse.

import type { DeclaredResource } from './graph-declared';
import type { ResourceDeclaration, Statement } from './syntax';
import { statementReferences } from './parser';
import { detached } from './detach';

/** A top-level name as an instance resolves it: a statement of this file, another file, or nothing. */
export type Binding = Statement | 'elsewhere' | undefined;

export interface BindingSource {
  readonly file: string;
  readonly cloud?: string;
  binding(name: string): Binding;
}

interface Remembered {
  readonly file: string;
  readonly declared: DeclaredResource;
  /** The transitive names the evaluation could read, with what each was bound to. */
  readonly names: readonly string[];
  readonly bindings: readonly Binding[];
}

const remembered = new WeakMap<ResourceDeclaration, Remembered>();

/** The DeclaredResource evaluated for this declaration last time, if nothing it could read has changed. */
export function reusedDeclaration(source: BindingSource, decl: ResourceDeclaration): DeclaredResource | undefined {
  const last = remembered.get(decl);
  if (!last || last.file !== source.file || last.declared.cloud !== source.cloud) return undefined;
  for (let i = 0; i < last.names.length; i++) if (source.binding(last.names[i]) !== last.bindings[i]) return undefined;
  return last.declared;
}

/** Remembers an evaluation for the next keystroke, unless it depends on another file. */
export function rememberDeclaration(source: BindingSource, decl: ResourceDeclaration, top: Statement, declared: DeclaredResource): void {
  const names: string[] = [];
  const bindings: Binding[] = [];
  const seen = new Set<string>();
  const pending: Statement[] = [top];
  while (pending.length > 0) {
    // Undefined for a statement that is not a top-level one of a parsed file: then nothing is remembered.
    const inStatement = statementReferences(pending.pop()!);
    if (!inStatement) {
      remembered.delete(decl);
      return;
    }
    for (const name of inStatement) {
      if (seen.has(name)) continue;
      seen.add(name);
      const binding = source.binding(name);
      if (binding === 'elsewhere') {
        remembered.delete(decl);
        return;
      }
      names.push(name);
      bindings.push(binding);
      if (binding !== undefined) pending.push(binding);
    }
  }
  // A kept value must not hold this keystroke's evaluator alive (detach.ts).
  const body = detached(declared.body);
  remembered.set(decl, { file: source.file, declared: body === declared.body ? declared : { ...declared, body }, names, bindings });
}
