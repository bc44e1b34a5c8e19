import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { toSarif, FINGERPRINT_KEY } from '../../../src/evidence/sarif';
import { readRuleDoc } from '../../../src/lint/rule-docs';
import { RULES } from '../../../src/rules/registry';
import type { Finding } from '../../../src/rules/types';
import { fixture } from '../../support/paths';
import { designFixture, Workspace } from './support';

// The official OASIS schema (sarif-spec Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json).
const schema = JSON.parse(readFileSync(fixture('design', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function assertValid(log: unknown): void {
  assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: { physicalLocation?: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> }; logicalLocations?: { fullyQualifiedName: string; kind: string }[] }[];
  partialFingerprints: Record<string, string>;
  relatedLocations?: unknown[];
  properties: { source: string };
}
type Log = { runs: { tool: { driver: { rules: { id: string; helpUri?: string; help?: { markdown?: string }; defaultConfiguration: { level: string } }[] } }; results: Result[] }[] };

const baseDir = dirname(dirname(designFixture('yaml', 'trading.plink.yaml').path));

test('SARIF of design findings validates against the official SARIF 2.1.0 schema', () => {
  const { findings } = new Workspace([designFixture('yaml', 'trading.plink.yaml'), designFixture('arm', 'broken.json')]).analyse();
  assert.ok(findings.length >= 5);
  const log = toSarif(findings, { baseDir, ruleDoc: readRuleDoc, startTimeUtc: '2026-11-25T15:00:00.000Z', endTimeUtc: '2026-11-25T15:00:01.000Z' }) as unknown as Log;
  assertValid(log);
  const results = log.runs[0].results;
  const groupId = results.find((r) => r.ruleId === 'group-id-mismatch')!;
  assert.equal(groupId.level, 'error');
  assert.deepEqual(groupId.locations[0].physicalLocation!.artifactLocation, { uri: 'yaml/trading.plink.yaml', uriBaseId: 'SRCROOT' });
  assert.equal(groupId.locations[0].physicalLocation!.region.startLine, 14);
  assert.ok(groupId.relatedLocations && groupId.relatedLocations.length > 0, 'the target cache is a related location');
  assert.equal(log.runs[0].tool.driver.rules[groupId.ruleIndex].id, 'group-id-mismatch');
  assert.equal(groupId.properties.source, 'design');
  assert.ok(results.some((r) => r.ruleId === 'syntax-error'));
});

test('SARIF describes every rule: help link to its public source, default level, Markdown help from docs/rules', () => {
  const log = toSarif([], { ruleDoc: readRuleDoc }) as unknown as Log;
  assertValid(log);
  const rules = log.runs[0].tool.driver.rules;
  for (const rule of RULES) {
    const descriptor = rules.find((d) => d.id === rule.id);
    assert.ok(descriptor, rule.id);
    assert.equal(descriptor.helpUri, rule.sourceUrl);
    assert.equal(descriptor.defaultConfiguration.level, rule.defaultSeverity === 'info' ? 'note' : rule.defaultSeverity === 'off' ? 'none' : rule.defaultSeverity);
  }
  assert.ok(rules.some((d) => d.id === 'syntax-error') && rules.some((d) => d.id === 'design-schema'));
  const doc = readRuleDoc('group-id-mismatch');
  assert.ok(doc, 'docs/rules/group-id-mismatch.md is readable');
  assert.equal(rules.find((d) => d.id === 'group-id-mismatch')!.help!.markdown, doc);
});

test('live findings get logical locations (the resource id), not file locations', () => {
  const resourceId = '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Cache/redis/orders';
  const live: Finding = {
    ruleId: 'public-network-access-enabled',
    severity: 'warning',
    message: 'orders still allows public access.',
    location: { kind: 'resource', resourceId, subscriptionId: '1111' },
    related: [{ message: 'the endpoint', origin: { kind: 'live', resourceId: '/subscriptions/1111/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe' } }],
    facts: {},
    fixes: [],
    source: 'live',
    nodeId: resourceId,
  };
  const log = toSarif([live]) as unknown as Log;
  assertValid(log);
  const result = log.runs[0].results[0];
  assert.equal(result.locations[0].physicalLocation, undefined);
  assert.deepEqual(result.locations[0].logicalLocations, [{ fullyQualifiedName: resourceId, name: 'orders', kind: 'resource' }]);
  assert.equal(result.properties.source, 'live');
});

test('fingerprints are stable when lines move and the wording changes, and differ between findings', () => {
  const file = designFixture('yaml', 'trading.plink.yaml');
  const before = new Workspace([file]).analyse().findings;
  const shifted = new Workspace([{ path: file.path, text: `# a comment\n# another\n${file.text}` }]).analyse().findings;
  const fingerprints = (findings: Finding[]) =>
    (toSarif(findings, { baseDir }) as unknown as Log).runs[0].results.map((r) => `${r.ruleId}=${r.partialFingerprints[FINGERPRINT_KEY]}`).sort();
  assert.notEqual(
    (toSarif(before, { baseDir }) as unknown as Log).runs[0].results[0].locations[0].physicalLocation!.region.startLine,
    (toSarif(shifted, { baseDir }) as unknown as Log).runs[0].results[0].locations[0].physicalLocation!.region.startLine,
  );
  assert.deepEqual(fingerprints(shifted), fingerprints(before));
  const reworded = before.map((f) => ({ ...f, message: `${f.message} (reworded)` }));
  assert.deepEqual(fingerprints(reworded), fingerprints(before));
  const unique = new Set(fingerprints(before).map((f) => f.split('=')[1]));
  assert.equal(unique.size, before.length);
});
