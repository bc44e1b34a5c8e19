// The design files of a folder as a scope part: discovered and analysed exactly as `plreview lint` does, each
// file listed in coverage (a file that cannot be read is a gap, not a silent omission).

import { readFileSync } from 'node:fs';
import type { ProjectConfig } from '../config/config';
import type { CoverageEntry } from '../graph/types';
import { analyseDesign } from '../lint/analyse';
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
  const files: DesignFile[] = [];
  const coverage: CoverageEntry[] = [];
  for (const path of paths) {
    try {
      files.push({ path, text: readFileSync(path, 'utf8') });
      coverage.push({ scope: path, kind: 'file', status: 'read' });
    } catch (error) {
      coverage.push({ scope: path, kind: 'file', status: 'failed', reason: (error as Error).message });
    }
  }
  const readFile = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  };
  const analysis = analyseDesign(files, config, { readFile, rules: options.rules });
  return {
    source: { kind: 'design', folder: options.displayPath ?? folder },
    data: analysis.graph,
    findings: analysis.findings,
    mode: 'design',
    coverage,
  };
}
