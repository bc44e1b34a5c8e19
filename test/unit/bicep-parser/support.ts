// Helpers shared by the Bicep parser tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixture } from '../../support/paths';
import fc from 'fast-check';
import { parseBicep } from '../../../src/sources/bicep/parser';
import type { BicepFile, Statement } from '../../../src/sources/bicep/syntax';

export const CORPUS_DIR = fixture('bicep');

/** Every .bicep/.bicepparam file of the corpus, as paths relative to test/fixtures/bicep. */
export function corpusFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.bicep') || name.endsWith('.bicepparam')) out.push(relative(CORPUS_DIR, path));
    }
  };
  walk(CORPUS_DIR);
  return out;
}

export function readCorpus(file: string): string {
  return readFileSync(join(CORPUS_DIR, file), 'utf8');
}

/** Parses text that must be valid and returns its tree; fails with the diagnostics otherwise. */
export function parseValid(text: string, fileName = 'test.bicep'): BicepFile {
  const { syntax, diagnostics } = parseBicep(text, { fileName });
  if (diagnostics.length > 0) {
    const lines = diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
    throw new Error(`expected no diagnostics, got:\n${lines.join('\n')}`);
  }
  return syntax;
}

/** `kind:name` for each statement, e.g. `param:location`, for asserting what survived. */
export function outline(file: BicepFile): string[] {
  return file.statements.map((s: Statement) => ('name' in s && s.name ? `${s.kind}:${s.name.name}` : s.kind));
}

/** Random texts: one of `texts` with a few characters removed at a random place and one of `inserts` put there. */
export function editedTexts(texts: readonly string[], inserts: readonly string[]): fc.Arbitrary<string> {
  return fc
    .record({ file: fc.integer({ min: 0, max: texts.length - 1 }), at: fc.nat(), remove: fc.integer({ min: 0, max: 6 }), insert: fc.constantFrom(...inserts) })
    .map(({ file, at, remove, insert }) => {
      const text = texts[file];
      const i = at % Math.max(1, text.length);
      return text.slice(0, i) + insert + text.slice(i + remove);
    });
}
