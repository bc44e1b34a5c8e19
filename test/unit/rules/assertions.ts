// Assertions rule tests share.
import assert from 'node:assert/strict';
import type { FileSpan } from '../../../src/graph/types';
import type { Finding } from '../../../src/rules/types';

/** Exactly one finding, returned for further checks. */
export function single(findings: readonly Finding[]): Finding {
  assert.equal(findings.length, 1, `expected one finding, got ${findings.length}: ${findings.map((f) => f.message).join(' | ')}`);
  return findings[0];
}

export function assertSpan(finding: Finding, span: FileSpan): void {
  assert.equal(finding.location.kind, 'file', 'a design finding is located in a file');
  if (finding.location.kind === 'file') assert.deepEqual(finding.location.span, span);
}

export function assertResource(finding: Finding, resourceId: string): void {
  assert.deepEqual(finding.location.kind === 'resource' ? finding.location.resourceId : finding.location, resourceId);
}

export function assertNone(findings: readonly Finding[]): void {
  assert.deepEqual(findings.map((f) => f.message), []);
}
