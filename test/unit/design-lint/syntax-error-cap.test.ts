import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { parseBicep } from '../../../src/sources/bicep/parser';
import { MAX_SYNTAX_ERRORS } from '../../../src/sources/syntax-errors';
import { designFixture } from './support';

// A badly broken file reports its first 100 syntax errors and one finding that says how many more, in every
// format: millions of findings say nothing new and cost seconds and megabytes of output.

const syntaxErrors = (path: string, text: string) =>
  analyseDesign([{ path, text }], DEFAULT_CONFIG).findings.filter((f) => f.ruleId === 'syntax-error');

function assertCapped(findings: ReturnType<typeof syntaxErrors>, more: RegExp) {
  assert.equal(findings.length, MAX_SYNTAX_ERRORS + 1);
  const summary = findings.filter((f) => /more syntax errors? in this file are not reported/.test(f.message));
  assert.equal(summary.length, 1);
  assert.match(summary[0].message, more);
  const offsets = findings.map((f) => (f.location.kind === 'file' ? f.location.span.range.start.offset : -1));
  const reported = findings.filter((f) => f !== summary[0]).map((f) => (f.location.kind === 'file' ? f.location.span.range.start.offset : -1));
  assert.ok(Math.max(...reported) < 2_000, 'the first errors of the file are the ones reported');
  assert.ok(offsets.every((o) => o >= 0));
}

test('Bicep: 200 KB of `${` in a string gives 100 syntax errors and one that counts the rest', () => {
  const text = `var x = '${'${'.repeat(100_000)}'\n`;
  assertCapped(syntaxErrors('/w/main.bicep', text), /^99,90\d more syntax errors in this file are not reported \(only the first 100 are\)\.$/);
});

test('Bicep: the parser keeps only the first diagnostics, by position, lexer and parser ones together', () => {
  const text = `var a = 'x\n${'var = \n'.repeat(500)}var b = 'y\n`;
  const { diagnostics, omittedDiagnostics } = parseBicep(text);
  assert.equal(diagnostics.length, MAX_SYNTAX_ERRORS);
  assert.ok((omittedDiagnostics ?? 0) >= 400);
  const positions = diagnostics.map((d) => d.range.start.offset);
  assert.deepEqual(positions, [...positions].sort((a, b) => a - b));
  assert.equal(positions[0], 8, 'the unterminated string on line 1 comes first');
});

test('ARM and YAML: the same cap', () => {
  const arm = designFixture('arm', 'fixable.json');
  const broken = arm.text.replace('"contentVersion"', `"junk": [${'1 '.repeat(5_000)}],\n  "contentVersion"`);
  assertCapped(syntaxErrors(arm.path, broken), /^\d[\d,]* more syntax errors/);
  const yaml = `privateLinkDesign: v1\ncaches: [ a ${'[] '.repeat(3_000)}]\n`;
  assertCapped(syntaxErrors('/w/d.plink.yaml', yaml), /^\d[\d,]* more syntax errors/);
});
