// The design files of a folder as a scope part: discovered and analysed exactly as `plreview lint` does, each
// file listed in coverage (a file that cannot be read is a gap and an analysis-incomplete finding, never a
// silent omission).

import type { ProjectConfig } from '../config/config';
import type { CoverageEntry } from '../graph/types';
import { analyseDesign } from '../lint/analyse';
import { confinedReader } from '../lint/confined-read';
import type { DesignFile } from '../lint/design-file';
import { discoverDesignFiles } from '../lint/discover';
import type { Rule } from '../rules/types';
import type { ScopePart } from './scope';

export async function designPart(
  folder: string,
  config: ProjectConfig,
  options: { displayPath?: string; rules?: readonly Rule[] } = {},
): Promise<ScopePart> {
  const paths = await discoverDesignFiles([folder], folder);
  // As `plreview lint <folder>`: only regular files inside the folder, of bounded size, are read.
  const readFile = confinedReader(folder);
  const files: DesignFile[] = [];
  const notRead: { path: string; why: string }[] = [];
  const coverage: CoverageEntry[] = [];
  for (const path of paths) {
    const text = readFile(path);
    if (typeof text === 'string') {
      files.push({ path, text });
      coverage.push({ scope: path, kind: 'file', status: 'read' });
    } else {
      notRead.push({ path, why: text === undefined ? 'it does not exist' : text.notRead });
    }
  }
  const analysis = analyseDesign(files, config, { readFile, notRead, rules: options.rules });
  return {
    source: { kind: 'design', folder: options.displayPath ?? folder },
    data: analysis.graph,
    findings: analysis.findings,
    mode: 'design',
    coverage,
  };
}
