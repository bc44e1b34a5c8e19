// Helpers the design-lint tests share: analyse texts in memory, apply fixes, find findings.

import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, type ProjectConfig } from '../../../src/config/config';
import { analyseDesign, type DesignAnalysis } from '../../../src/lint/analyse';
import type { DesignFile } from '../../../src/lint/design-file';
import { editsForFix } from '../../../src/sources/fixes';
import { applyEdits } from '../../../src/sources/text-edit';
import type { Finding, FixIntent } from '../../../src/rules/types';
import { fixture } from '../../support/paths';

export function designFixture(...parts: string[]): DesignFile {
  const path = fixture('design', ...parts);
  return { path, text: readFileSync(path, 'utf8') };
}

/** An in-memory workspace of design files: analyse, fix, re-analyse. */
export class Workspace {
  readonly texts = new Map<string, string>();

  constructor(files: readonly DesignFile[], readonly config: ProjectConfig = DEFAULT_CONFIG) {
    for (const file of files) this.texts.set(file.path, file.text);
  }

  analyse(): DesignAnalysis {
    const files = [...this.texts].map(([path, text]) => ({ path, text }));
    return analyseDesign(files, this.config, { readFile: (p) => this.texts.get(p) });
  }

  findings(ruleId?: string): Finding[] {
    return this.analyse().findings.filter((f) => ruleId === undefined || f.ruleId === ruleId);
  }

  /** Applies the fix and returns how many edits it took (0: no fix could be written). */
  apply(fix: FixIntent): number {
    const { graph } = this.analyse();
    const edits = editsForFix(fix, graph, (p) => this.texts.get(p));
    const byFile = new Map<string, typeof edits>();
    for (const edit of edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
    for (const [file, fileEdits] of byFile) this.texts.set(file, applyEdits(this.texts.get(file) ?? '', fileEdits));
    return edits.length;
  }

  text(path: string): string {
    const text = this.texts.get(path);
    if (text === undefined) throw new Error(`no file ${path}`);
    return text;
  }
}

/** The text a finding's span covers. */
export function spanText(text: string, finding: Finding): string {
  if (finding.location.kind !== 'file') throw new Error('not a file finding');
  const { start, end } = finding.location.span.range;
  return text.slice(start.offset, end.offset);
}

export function only<T>(items: readonly T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected exactly one ${what}, found ${items.length}`);
  return items[0];
}
