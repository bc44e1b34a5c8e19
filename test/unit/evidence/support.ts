// Shared set-up of the evidence tests: the sample estate as a model, with the rule set and the clock pinned so
// expected files do not move when rules are added or time passes.

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildEvidence } from '../../../src/evidence/build';
import type { EvidenceModel } from '../../../src/evidence/model';
import { evidenceInputFromParts, estatePart } from '../../../src/evidence/scope';
import { groupIdMismatch } from '../../../src/rules/group-id-mismatch';
import { fixture } from '../../support/paths';

export const SAMPLE_NOW = new Date('2026-11-25T12:00:00.000Z');
export const SUB_TRADING = '11111111-1111-1111-1111-111111111111';
export const SUB_INSURER = '22222222-2222-2222-2222-222222222222';
export const SUB_UNREAD = '33333333-3333-3333-3333-333333333333';

export interface ModelOptions {
  readonly now?: Date;
  readonly mask?: boolean;
  /** A fixture under test/fixtures/evidence, shown under this name. */
  readonly file?: string;
  /** Read this path instead, still shown as `file`. */
  readonly path?: string;
}

/** The model of an estate fixture, tool version pinned (golden files must not change with a release). */
export function estateModel(options: ModelOptions = {}): EvidenceModel {
  const file = options.file ?? 'sample-estate.json';
  const input = evidenceInputFromParts({
    parts: [estatePart(options.path ?? fixture('evidence', file), { displayPath: file })],
    rules: [groupIdMismatch],
    now: options.now ?? SAMPLE_NOW,
    maskSubscriptionIds: options.mask,
  });
  const model = buildEvidence(input);
  return { ...model, tool: { ...model.tool, version: '0.0.0-test' } };
}

export function tempDir(prefix = 'plreview-evidence-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every file of a folder, name → text. */
export function readFolder(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}
