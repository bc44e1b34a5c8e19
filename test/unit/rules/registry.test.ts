import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, SOURCE_PROBLEM_RULE_IDS, allRuleIds } from '../../../src/rules/registry';
import { repoRoot } from '../../support/paths';
import { CONFIG_LOCKED_RULE } from '../../../src/config/config-findings';
import { graphOf, healthyDesign, SUB } from './builders';
import { runRules } from '../../../src/rules/engine';

// Users write these ids in suppressions and CI configs (issues 4 and 5): the set is fixed.
const FIXED_IDS = [
  'group-id-mismatch', 'dns-zone-mismatch', 'dns-zone-group-missing', 'dns-zone-link-missing',
  'public-network-access-enabled', 'cache-unreachable', 'dns-zone-link-autoregistration',
  'private-endpoint-on-vnet-injected-cache', 'vnet-injection-prefer-private-link', 'firewall-rules-with-private-endpoint',
  'clustered-cache-endpoint-limit', 'manual-connection-not-approved', 'non-tls-port-enabled', 'minimum-tls-version',
  'required-tags-missing', 'duplicate-private-dns-zone', 'endpoint-disconnected', 'dns-record-mismatch', 'dns-zone-unlinked',
];
const DEFAULTS: Record<string, string> = {
  'group-id-mismatch': 'error', 'dns-zone-mismatch': 'error', 'dns-zone-group-missing': 'warning', 'dns-zone-link-missing': 'error',
  'public-network-access-enabled': 'warning', 'cache-unreachable': 'error', 'dns-zone-link-autoregistration': 'warning',
  'private-endpoint-on-vnet-injected-cache': 'error', 'vnet-injection-prefer-private-link': 'info',
  'firewall-rules-with-private-endpoint': 'warning', 'clustered-cache-endpoint-limit': 'error',
  'non-tls-port-enabled': 'warning', 'minimum-tls-version': 'warning', 'required-tags-missing': 'off', 'duplicate-private-dns-zone': 'warning',
};
const LIVE_ONLY = ['endpoint-disconnected', 'dns-record-mismatch', 'dns-zone-unlinked'];
const docsDir = () => join(repoRoot(), 'docs', 'rules');

test('registry: exactly the fixed rule ids, once each, with the default severities of issues 4 and 5', () => {
  assert.deepEqual(RULES.map((r) => r.id).sort(), [...FIXED_IDS].sort());
  for (const [id, severity] of Object.entries(DEFAULTS)) assert.equal(RULES.find((r) => r.id === id)?.defaultSeverity, severity, id);
  for (const rule of RULES) {
    assert.deepEqual([...rule.modes].sort(), LIVE_ONLY.includes(rule.id) ? ['live'] : ['design', 'live'], rule.id);
    assert.match(rule.sourceUrl, /^https:\/\/learn\.microsoft\.com\//, `${rule.id} cites a public Microsoft page`);
    assert.ok(rule.title.length > 10 && rule.description.length > 80, `${rule.id} explains itself`);
  }
});

test('registry: every rule has a doc page and every doc page has a rule', () => {
  const docs = readdirSync(docsDir()).filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)).sort();
  // config-locked-rule is about .plreview.yaml itself: documented, but not an id the file accepts.
  assert.deepEqual(docs, [...allRuleIds(), CONFIG_LOCKED_RULE.id].sort());
  assert.ok(!allRuleIds().includes(CONFIG_LOCKED_RULE.id));
  assert.deepEqual([...SOURCE_PROBLEM_RULE_IDS].sort(), ['analysis-incomplete', 'design-schema', 'syntax-error']);
});

test('registry: each doc page says what, why, how to fix, its severity and its public source', () => {
  for (const id of [...allRuleIds(), CONFIG_LOCKED_RULE.id]) {
    const text = readFileSync(join(docsDir(), `${id}.md`), 'utf8');
    assert.ok(text.startsWith(`# \`${id}\``), `${id}: title`);
    for (const section of ['## What it reports', '## Why it matters', '## How to fix', '## Source']) assert.ok(text.includes(section), `${id}: ${section}`);
    assert.match(text, /https:\/\//, `${id}: a public URL`);
    const rule = RULES.find((r) => r.id === id);
    if (!rule) continue;
    assert.ok(text.includes(rule.sourceUrl), `${id}: cites the rule's sourceUrl`);
    assert.ok(text.includes(`**Default severity:** ${rule.defaultSeverity}`), `${id}: states its default severity`);
    assert.ok(text.includes(LIVE_ONLY.includes(id) ? '**Runs on:** live estate' : '**Runs on:** designs and live estate'), `${id}: states where it runs`);
  }
});

test('all rules are silent on a healthy design and a healthy live estate', () => {
  const settings = { cloud: 'AzureCloud' as const, requiredTags: [] };
  const design = runRules(graphOf(healthyDesign()), { settings: { ...settings, mode: 'design' } });
  assert.deepEqual(design.map((f) => `${f.ruleId}: ${f.message}`), []);
  const coverage = [{ scope: SUB, kind: 'subscription' as const, status: 'read' as const }];
  const live = runRules(graphOf(healthyDesign({ live: true }), { coverage }), { settings: { ...settings, mode: 'live' } });
  assert.deepEqual(live.map((f) => `${f.ruleId}: ${f.message}`), []);
});
