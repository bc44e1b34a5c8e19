import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { parseConfig } from '../../../src/config/config';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { runRules } from '../../../src/rules/engine';
import { allRuleIds } from '../../../src/rules/registry';
import { memoryIo } from '../../support/cli';

// Fail closed (issue #12): a design file that could not be fully analysed is an `analysis-incomplete` error at
// the file, so lint exits 1 and SARIF says the run did not succeed; the other files are still analysed.

const ARM_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
let scratch = '';

before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'plr-incomplete-'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

async function lint(cwd: string, ...args: string[]) {
  const io = memoryIo(cwd);
  const code = await main(['lint', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

async function lintJson(cwd: string, ...args: string[]) {
  const { code, out } = await lint(cwd, ...args, '--format', 'json');
  return { code, findings: (JSON.parse(out) as { findings: JsonFinding[] }).findings };
}

/** An ARM template whose metadata nests 5,000 arrays (the JSON walkers recursed once per level). */
function deepTemplate(resources: string): string {
  const depth = 5000;
  return `{ "$schema": "${ARM_SCHEMA}", "metadata": { "x": ${'['.repeat(depth)}${']'.repeat(depth)} }, "resources": [${resources}] }`;
}

const WRONG_GROUP_ENDPOINT = `{
  "type": "Microsoft.Network/privateEndpoints", "apiVersion": "2024-05-01", "name": "pe-payments", "location": "westeurope",
  "properties": {
    "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-pe')]" },
    "privateLinkServiceConnections": [ { "name": "payments", "properties": {
      "privateLinkServiceId": "[resourceId('Microsoft.Cache/redis', 'payments')]", "groupIds": [ "redisEnterprise" ] } } ]
  }
}`;
const CACHE = `{ "type": "Microsoft.Cache/redis", "apiVersion": "2024-11-01", "name": "payments", "location": "westeurope",
  "properties": { "sku": { "name": "Premium", "family": "P", "capacity": 1 }, "publicNetworkAccess": "Disabled" } }`;

/** Nine levels of nine aliases: a billion `lol`s once expanded. */
function aliasBomb(): string {
  const lines = ['x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 10; i++) lines.push(`x${i}: &a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

test('a template the analyser cannot finish is an error at the file (exit 1), and is never "No problems"', async () => {
  // Before: the stack overflow was swallowed, the run printed "No problems" and exited 0.
  const dir = folder('deep', { 'deep.json': deepTemplate(`${CACHE}, ${WRONG_GROUP_ENDPOINT}`) });
  const { code, findings } = await lintJson(dir);
  assert.equal(code, 1);
  const incomplete = findings.filter((f) => f.ruleId === 'analysis-incomplete');
  // Either the file is read to the end (its wrong group id is found) or it is an analysis-incomplete error.
  assert.ok(incomplete.length > 0 || findings.some((f) => f.ruleId === 'group-id-mismatch'), JSON.stringify(findings));
  for (const f of incomplete) {
    assert.deepEqual([f.severity, f.file, f.line, f.column], ['error', 'deep.json', 1, 1]);
    assert.match(f.message, /nested too deeply|could not|not analysed|analysed only in part/i);
  }
  const text = await lint(dir);
  assert.doesNotMatch(text.out, /No problems/);
});

test('a YAML design with an alias bomb next to a wrong group id fails the run', async () => {
  const design = [
    'privateLinkDesign: v1',
    aliasBomb(),
    'caches:',
    '  - { name: risk, type: Microsoft.Cache/redisEnterprise, sku: Enterprise_E10, region: westeurope, publicNetworkAccess: Disabled }',
    'privateEndpoints:',
    '  - { name: pe-risk, target: risk, groupId: redisCache, subnet: vnet-hub/snet-pe, dnsZones: [privatelink.redisenterprise.cache.azure.net] }',
    '',
  ].join('\n');
  const dir = folder('bomb', { 'design.plink.yaml': design, 'other.json': `{ "$schema": "${ARM_SCHEMA}", "resources": [${CACHE}, ${WRONG_GROUP_ENDPOINT}] }` });
  const { code, findings } = await lintJson(dir);
  assert.equal(code, 1);
  // The other file is still analysed.
  assert.ok(findings.some((f) => f.ruleId === 'group-id-mismatch' && f.file === 'other.json'));
  const aboutDesign = findings.filter((f) => f.file === 'design.plink.yaml');
  assert.ok(
    aboutDesign.some((f) => f.ruleId === 'analysis-incomplete' && f.severity === 'error') || aboutDesign.some((f) => f.ruleId === 'group-id-mismatch'),
    `the design's wrong group id or its incomplete analysis is reported: ${JSON.stringify(findings)}`,
  );
});

test('a module that cannot be read is an error at the module path, and the rest of the file is still analysed', async () => {
  // Before: recorded as a coverage gap that the CLI printed to stderr only; the run passed.
  const dir = folder('missing-module', {
    'main.bicep': [
      "module net './network.bicep' = {",
      "  name: 'net'",
      '}',
      "resource cache 'Microsoft.Cache/redis@2024-11-01' = {",
      "  name: 'payments'",
      "  location: 'westeurope'",
      "  properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, enableNonSslPort: true }",
      '}',
      '',
    ].join('\n'),
  });
  const { code, findings } = await lintJson(dir);
  assert.equal(code, 1);
  const incomplete = findings.filter((f) => f.ruleId === 'analysis-incomplete');
  assert.equal(incomplete.length, 1, JSON.stringify(findings));
  assert.deepEqual([incomplete[0].file, incomplete[0].line, incomplete[0].severity], ['main.bicep', 1, 'error']);
  assert.match(incomplete[0].message, /'\.\/network\.bicep'/);
  assert.match(incomplete[0].message, /does not exist/);
  assert.ok(findings.some((f) => f.ruleId === 'non-tls-port-enabled'), 'the cache in the same file is still checked');
});

test('SARIF: a run that did not analyse everything is not successful and names the file in a notification', async () => {
  const dir = folder('sarif', {
    'infra/main.bicep': "// the network module is not in the repository yet\nmodule net './network.bicep' = { name: 'net' }\n",
    'fine.json': `{ "$schema": "${ARM_SCHEMA}", "resources": [${CACHE}] }`,
  });
  const { code, out } = await lint(dir, '--format', 'sarif');
  assert.equal(code, 1);
  const run = (JSON.parse(out) as { runs: Record<string, any>[] }).runs[0];
  const invocation = run.invocations[0];
  assert.equal(invocation.executionSuccessful, false);
  const notes = invocation.toolExecutionNotifications as Record<string, any>[];
  assert.equal(notes.length, 1);
  assert.equal(notes[0].level, 'error');
  const where = notes[0].locations[0].physicalLocation;
  assert.equal(where.artifactLocation.uri, 'infra/main.bicep');
  assert.equal(where.region.startLine, 2);
  assert.match(notes[0].message.text, /'\.\/network\.bicep', which was not read: it does not exist/);
  assert.equal(notes[0].associatedRule.id, 'analysis-incomplete');
  assert.ok((run.results as { ruleId: string }[]).some((r) => r.ruleId === 'analysis-incomplete'), 'also a result');
  assert.ok((run.tool.driver.rules as { id: string }[]).some((r) => r.id === 'analysis-incomplete'), 'the rule is described');

  const clean = JSON.parse((await lint(folder('sarif-clean', { 'fine.json': `{ "$schema": "${ARM_SCHEMA}", "resources": [${CACHE}] }` }), '--format', 'sarif')).out);
  assert.equal(clean.runs[0].invocations[0].executionSuccessful, true);
  assert.equal(clean.runs[0].invocations[0].toolExecutionNotifications, undefined);
});

test('analysis-incomplete cannot be turned off by configuration or a suppression comment', async () => {
  const suppressed = ['// plreview-disable-next-line analysis-incomplete', "module net './network.bicep' = { name: 'net' }", ''].join('\n');
  const dir = folder('not-off', { 'main.bicep': suppressed, '.plreview.yaml': 'rules:\n  analysis-incomplete: off\n' });
  const { code, out, err } = await lint(dir, '--format', 'json');
  assert.equal(code, 1);
  const findings = (JSON.parse(out) as { findings: JsonFinding[] }).findings;
  // The ignored entry is a warning at its line of .plreview.yaml (config-locked-rule.test.ts covers it in full).
  assert.deepEqual(findings.map((f) => `${f.ruleId}:${f.severity}:${f.file}:${f.line}`).sort(), ['analysis-incomplete:error:main.bicep:2', 'config-locked-rule:warning:.plreview.yaml:2']);
  assert.equal(err, '');

  const parsed = parseConfig('rules:\n  analysis-incomplete: warning\n', allRuleIds());
  assert.deepEqual(parsed.lockedRules.map((l) => l.ruleId), ['analysis-incomplete']);
  assert.deepEqual(parsed.config.severities, {});
});

test('the finding is made from the coverage contract: failed and partial file entries, at the reference when given', () => {
  const at = { file: '/w/main.bicep', range: { start: { line: 3, character: 11, offset: 40 }, end: { line: 3, character: 25, offset: 54 } } };
  const graph = PrivateLinkGraph.from({
    nodes: [],
    problems: [],
    coverage: [
      { scope: '/w/ok.bicep', kind: 'file', status: 'read' },
      { scope: '/w/half.json', kind: 'file', status: 'partial', reason: 'the part below line 40 is nested too deeply' },
      { scope: '/outside/net.bicep', kind: 'file', status: 'failed', reason: "module 'net' refers to '../outside/net.bicep', which was not read", at },
      { scope: '00000000-0000-0000-0000-000000000001', kind: 'subscription', status: 'failed', reason: 'forbidden' },
    ],
  });
  const findings = runRules(graph, { settings: { cloud: 'AzureCloud', requiredTags: [], mode: 'design' }, severities: { 'analysis-incomplete': 'off' } });
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.severity, f.location.kind === 'file' ? `${f.location.span.file}:${f.location.span.range.start.offset}` : '']),
    [
      ['analysis-incomplete', 'error', '/w/half.json:0'],
      ['analysis-incomplete', 'error', '/w/main.bicep:40'],
    ],
  );
  assert.match(findings[0].message, /^Analysed only in part: the part below line 40 is nested too deeply\. Findings for this file may be missing/);
  assert.match(findings[1].message, /^Not analysed: module 'net' refers to '\.\.\/outside\/net\.bicep', which was not read\. What that file declares is not checked/);
});
