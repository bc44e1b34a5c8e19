import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { withDuplicateKeyErrors } from '../../../src/sources/yaml/duplicate-keys';
import { MAX_DESIGN_ITERATIONS } from '../../../src/sources/loop-limits';
import { BUDGET_MS } from '../../fuzz/harness';
import { repoRoot } from '../../support/paths';

// Issue 12, "Bounded cost": every input of at most 1 MB is analysed within BUDGET_MS of CPU. The inputs the fuzz
// harness found over it (seed 3 of `scripts/fuzz.mjs --inputs 2000`) and the shapes behind them, measured the
// way the harness measures (CPU time of this process), with the budget itself as the bound.

function cpuMs(run: () => void): number {
  const started = process.cpuUsage();
  run();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

test('a 977 KB Bicep parameter file of a million stray characters is analysed within the budget (fuzz seed 3, input 586)', () => {
  // The fuzz input: a 75,000-character run of 'é' (each one an "unexpected character" error) on 13 lines.
  const stray = `  subnetId: '/subscriptions/0000/M'${'é'.repeat(75_000)}'\n`;
  const text = `using './main.bicep'\n\nparam config = {\n${stray.repeat(13)}}\n`;
  assert.ok(text.length > 975_000 && text.length <= 1_000_000);
  analyseDesign([{ path: '/w/warm-up.bicepparam', text: text.slice(0, 5_000) }], DEFAULT_CONFIG);
  let findings: ReturnType<typeof analyseDesign>['findings'] = [];
  const ms = cpuMs(() => ({ findings } = analyseDesign([{ path: '/w/stray.bicepparam', text }], DEFAULT_CONFIG)));
  const errors = findings.filter((f) => f.ruleId === 'syntax-error');
  assert.equal(errors.length, 101, 'the first 100 syntax errors and the one that counts the rest');
  assert.ok(errors.some((f) => /^9\d\d,\d{3} more syntax errors/.test(f.message)), 'the count of the rest');
  assert.ok(ms < BUDGET_MS, `${ms.toFixed(0)} ms of CPU`);
});

test('an ARM template of copy loops nested 19 deep is analysed within the budget (fuzz seed 1, input 38135)', () => {
  // Duplicated and truncated lines put a cache and an endpoint loop inside each endpoint before: 2 iterations a
  // level multiply to 2^19. The design's iteration budget (loop-limits.ts) bounds what is expanded one by one.
  const endpoint = (inner: string) =>
    `{ "type": "Microsoft.Network/privateEndpoints", "apiVersion": "2024-05-01", "name": "[format('pe-{0}', parameters('spokes')[copyIndex()])]", ` +
    `"location": "westeurope", "copy": { "name": "endpoints", "count": "[length(parameters('spokes'))]" }, ` +
    `"properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('spokes')[copyIndex()], 'snet-pe')]" } }, "resources": [${inner}] }`;
  const cache = `{ "type": "Microsoft.Cache/redisEnterprise", "apiVersion": "2025-07-01", "name": "[parameters('cacheName')]", "location": "westeurope", ` +
    `"sku": { "name": "Balanced_B5" }, "properties": { "minimumTlsVersion": "1.2", "publicNetworkAccess": "Disabled" } }`;
  let nested = '';
  for (let level = 0; level < 19; level++) nested = `${cache}, ${endpoint(nested)}`;
  const text = `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
    "parameters": { "cacheName": { "type": "string" }, "spokes": { "type": "array", "defaultValue": ["spoke-a", "spoke-b"] } },
    "resources": [${nested}] }`;
  analyseDesign([{ path: '/w/warm-up.json', text: text.replace('"count"', '"countx"') }], DEFAULT_CONFIG);
  let graph: ReturnType<typeof analyseDesign>['graph'] | undefined;
  const ms = cpuMs(() => ({ graph } = analyseDesign([{ path: '/w/nested.json', text }], DEFAULT_CONFIG)));
  const endpoints = graph!.nodes.filter((n) => n.kind === 'privateEndpoint').length;
  assert.ok(endpoints > 1_000, `the loops are still expanded up to the budget: ${endpoints} endpoints`);
  assert.ok(endpoints <= 2 * MAX_DESIGN_ITERATIONS, `bounded by the design's iteration budget, not 2^19: ${endpoints} endpoints`);
  assert.ok(ms < BUDGET_MS, `${ms.toFixed(0)} ms of CPU`);
});

test('a 489 KB YAML design of line breaks inside a quoted value is refused within the budget, as not read (fuzz seed 3, input 1615)', () => {
  const text = `privateLinkDesign: v1\nprivateEndpoints:\n  - { name: pe-com2, target: redis-com2, groupId: re'${'\n'.repeat(500_000)}'disCache }\n`;
  let findings: ReturnType<typeof analyseDesign>['findings'] = [];
  const ms = cpuMs(() => ({ findings } = analyseDesign([{ path: '/w/big.plink.yaml', text }], DEFAULT_CONFIG)));
  const incomplete = findings.filter((f) => f.ruleId === 'analysis-incomplete');
  assert.equal(incomplete.length, 1);
  assert.match(incomplete[0].message, /489 KB, more than the 128 KB read/);
  assert.ok(ms < BUDGET_MS, `${ms.toFixed(0)} ms of CPU`);
});

test('a YAML design of 8,000 keys in one mapping is analysed within the budget (duplicate keys and schema errors were quadratic)', () => {
  const keys = Array.from({ length: 8_000 }, (_, i) => `key${i}: value`);
  const text = `privateLinkDesign: v1\n${keys.join('\n')}\nkey7: again\n`;
  assert.ok(text.length < 128 * 1024);
  analyseDesign([{ path: '/w/warm-up.plink.yaml', text: text.slice(0, 2_000) }], DEFAULT_CONFIG);
  let findings: ReturnType<typeof analyseDesign>['findings'] = [];
  const ms = cpuMs(() => ({ findings } = analyseDesign([{ path: '/w/keys.plink.yaml', text }], DEFAULT_CONFIG)));
  const duplicate = findings.filter((f) => f.ruleId === 'syntax-error' && /Map keys must be unique/.test(f.message));
  assert.equal(duplicate.length, 1, 'the repeated key is still reported');
  assert.ok(ms < BUDGET_MS, `${ms.toFixed(0)} ms of CPU`);
});

test('a YAML design of 8,000 unknown keys reports the first 100 schema errors and counts the rest', () => {
  const text = `privateLinkDesign: v1\n${Array.from({ length: 8_000 }, (_, i) => `key${i}: value`).join('\n')}\n`;
  const schema = analyseDesign([{ path: '/w/unknown.plink.yaml', text }], DEFAULT_CONFIG).findings.filter((f) => f.ruleId === 'design-schema');
  assert.equal(schema.length, 101);
  assert.match(schema[0].message, /unknown property 'key0'/);
  assert.ok(schema.some((f) => f.message === '7900 more design schema errors in this file are not reported (only the first 100 are).'));
});

test("duplicate keys are reported exactly as the yaml library's own check reports them", () => {
  const crafted = [
    'a: 1\nb: 2\na: 3\n',
    'x:\n  y: 1\n  y: 2\n  z: { p: 1, q: 2, p: 3 }\n',
    '- { k: 1, k: 2 }\n- [a: 1, a: 2]\n- k: 1\n  k: 2\n',
    "1: a\n1.0: b\n'1': c\ntrue: d\ntrue: e\n~: f\nnull: g\n.nan: h\n.nan: i\n",
    '&k a: 1\n*k : 2\n? [x]\n: 1\n? [x]\n: 2\n',
    'a: 1\n b: 2\na: [\n',
  ];
  const yamlFiles: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) yamlFiles.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(repoRoot(), 'test/fixtures'));
  walk(join(repoRoot(), 'examples'));
  assert.ok(yamlFiles.length > 10);
  for (const text of [...crafted, ...yamlFiles]) {
    const library = parseDocument(text, { prettyErrors: false }).errors.map((e) => [e.message, e.pos[0]]);
    const ours = withDuplicateKeyErrors(parseDocument(text, { prettyErrors: false, uniqueKeys: false })).map((e) => [e.message, e.pos[0]]);
    assert.deepEqual(ours, library, text);
  }
});
