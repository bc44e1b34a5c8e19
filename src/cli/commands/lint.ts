// `plreview lint [files or folders…] [--format text|json|sarif] [--config file]`: the design rules in CI.
// Exit 0 without error-severity findings, 1 with one (a file not fully analysed is one: fail closed), 2 on usage
// errors and unreadable input (main.ts turns UsageError into 2), 3 on internal errors (index.ts).

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../../config/config';
import { parseArgs } from 'node:util';
import { toSarif } from '../../evidence/sarif';
import { analyseDesign } from '../../lint/analyse';
import { confinedReader, isInside } from '../../lint/confined-read';
import type { ReadFile } from '../../sources/file-reader';
import type { DesignFile } from '../../lint/design-file';
import { classifyDesignFile, designFormatsDescription } from '../../sources/formats';
import { discoverDesignFiles, DiscoveryError } from '../../lint/discover';
import { readRuleDoc } from '../../lint/rule-docs';
import type { Finding } from '../../rules/types';
import type { CliCommand } from '../command';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../io';
import { loadProjectConfig } from '../load-config';
import { cloudCascade } from '../../config/cloud-cascade';
import { cloudFlag } from './live-source';

const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'check Bicep, ARM JSON and YAML designs for broken Private Link chains',
  usage: [
    'Usage: plreview lint [files or folders…] [--format text|json|sarif] [--config file] [--cloud name]',
    '',
    'Checks design files with the Private Link rules. Folders are searched recursively for .bicep and',
    '.bicepparam files, ARM templates (JSON with a deploymentTemplate $schema) and YAML designs (*.plink.yaml,',
    'privatelink.design.yaml, or YAML with `privateLinkDesign: v1`); node_modules and .git are skipped.',
    'All files are analysed as one design, so a zone link in one file satisfies an endpoint in another.',
    'Default: the current folder.',
    '',
    'Options:',
    '  --format, -f <text|json|sarif>  output format (default: text)',
    '  --config, -c <file>             configuration (default: ./.plreview.yaml, else the .plreview.yaml of',
    '                                  the one folder linted)',
    '  --cloud <AzureCloud|AzureUSGovernment|AzureChinaCloud>',
    '                                  the cloud of files no .plreview.yaml above them names one for',
    '                                  (each file takes the `cloud:` of the nearest .plreview.yaml above it;',
    "                                  a YAML design's own `cloud:` applies to that design; default AzureCloud)",
    '',
    'Exit status: 0 no error-severity finding; 1 at least one, including analysis-incomplete (a file, or a file',
    'it refers to, that could not be fully analysed); 2 usage error or unreadable input; 3 internal error.',
    '',
  ].join('\n'),
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: [...args],
      options: { format: { type: 'string', short: 'f' }, config: { type: 'string', short: 'c' }, cloud: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const format = (values.format ?? 'text') as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be text, json or sarif, not '${values.format}'`);
    const { config, findings: configFindings } = loadProjectConfig(values.config ?? configOfLintedFolder(positionals, io.cwd), io, 'lint');

    const startTimeUtc = new Date().toISOString();
    const givenFolders = new Set<string>();
    const shownPaths = await discover(positionals, io.cwd, givenFolders);
    // Files a design names are read only inside the analysed root (fail closed: nothing outside the repository).
    const readFile = confinedReader(await analysedRoot(positionals, io.cwd, givenFolders));
    const { files, notRead } = readDesignFiles(shownPaths, new Set(positionals), io.cwd, readFile);
    // Each file is judged in its own cloud: the nearest .plreview.yaml's, else --cloud, else the configuration's.
    const cloudOf = cloudCascade({ baseDir: io.cwd, fallback: cloudFlag(values.cloud, config.cloud) });
    const analysed = analyseDesign(files, config, { readFile, notRead, cloudOf, oneShot: true });
    // The configuration's own findings (an ignored attempt to switch off a fail-closed rule) first, at their line.
    const findings = [...configFindings, ...analysed.findings];

    if (files.length === 0) io.err('plreview lint: no design files found\n');

    if (format === 'json') io.out(`${JSON.stringify({ findings: findings.map((f) => jsonFinding(f, io.cwd)) }, null, 2)}\n`);
    else if (format === 'sarif') {
      const sarif = toSarif(findings, { baseDir: io.cwd, ruleDoc: readRuleDoc, startTimeUtc, endTimeUtc: new Date().toISOString() });
      io.out(`${JSON.stringify(sarif, null, 2)}\n`);
    } else io.out(textReport(findings, files.length, io.cwd));

    return findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};

/**
 * Without --config and without ./.plreview.yaml, the configuration of the one folder being linted applies
 * (`plreview lint examples/design` reads examples/design/.plreview.yaml), as the editor reads its workspace's.
 */
function configOfLintedFolder(paths: readonly string[], cwd: string): string | undefined {
  if (paths.length !== 1 || existsSync(resolve(cwd, CONFIG_FILE_NAME))) return undefined;
  const candidate = join(paths[0], CONFIG_FILE_NAME);
  return existsSync(resolve(cwd, candidate)) ? candidate : undefined;
}

async function discover(paths: string[], cwd: string, givenFolders: Set<string>): Promise<string[]> {
  try {
    return await discoverDesignFiles(paths, cwd, givenFolders);
  } catch (error) {
    if (error instanceof DiscoveryError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The folder whose files a design may name: the folder argument, the common parent of the paths given, or the
 * working directory (README, "Fail closed"). `givenFolders`: which of the paths discovery found to be folders
 * (absolute), so they are not stat'ed twice.
 */
export async function analysedRoot(paths: readonly string[], cwd: string, givenFolders: ReadonlySet<string>): Promise<string> {
  if (paths.length === 0) return resolve(cwd);
  const folders = paths.map((given) => {
    const absolute = resolve(cwd, given);
    return givenFolders.has(absolute) ? absolute : dirname(absolute);
  });
  return folders.reduce(commonParent);
}

function commonParent(a: string, b: string): string {
  let parent = a;
  while (!isInside(parent, b)) {
    const up = dirname(parent);
    if (up === parent) return parent;
    parent = up;
  }
  return parent;
}

/**
 * Files the user named must be readable design files (else a usage error, exit 2); files found in folders already
 * are, and one that cannot be read now (too big, gone) is a file not analysed. Paths become absolute.
 */
function readDesignFiles(
  shownPaths: readonly string[],
  named: ReadonlySet<string>,
  cwd: string,
  readFile: ReadFile,
): { files: DesignFile[]; notRead: { path: string; why: string }[] } {
  const files: DesignFile[] = [];
  const notRead: { path: string; why: string }[] = [];
  for (const shown of shownPaths) {
    const path = resolve(cwd, shown);
    const text = readFile(path);
    if (typeof text !== 'string') {
      const why = text === undefined ? 'it does not exist' : text.notRead;
      if (named.has(shown)) throw new UsageError(`${shown}: cannot be read: ${why}`);
      notRead.push({ path, why });
      continue;
    }
    if (classifyDesignFile(path, text) === undefined) {
      if (named.has(shown)) {
        throw new UsageError(`${shown}: not a design file (expected ${designFormatsDescription()})`);
      }
      continue;
    }
    files.push({ path, text });
  }
  return { files, notRead };
}

/** Relative to the working directory when inside it, as compilers print paths; absolute otherwise. */
function display(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

interface Place {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

function placeOf(finding: Finding, cwd: string): Place {
  if (finding.location.kind === 'resource') {
    return { file: finding.location.resourceId, line: 1, column: 1, endLine: 1, endColumn: 1 };
  }
  const { file, range } = finding.location.span;
  return {
    file: display(file, cwd),
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function jsonFinding(finding: Finding, cwd: string) {
  return { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, ...placeOf(finding, cwd) };
}

function textReport(findings: readonly Finding[], fileCount: number, cwd: string): string {
  const lines = findings.map((f) => {
    const place = placeOf(f, cwd);
    return `${place.file}:${place.line}:${place.column} ${f.severity} ${f.ruleId} ${f.message}`;
  });
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  const files = `${fileCount} design file${fileCount === 1 ? '' : 's'}`;
  const summary =
    findings.length === 0
      ? `No problems in ${files}.`
      : `${findings.length} problem${findings.length === 1 ? '' : 's'} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info) in ${files}.`;
  return [...lines, ...(lines.length ? [''] : []), summary, ''].join('\n');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
