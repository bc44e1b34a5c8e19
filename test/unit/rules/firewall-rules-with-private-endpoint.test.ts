import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, healthyDesign, run, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'firewall-rules-with-private-endpoint';
const RULES = [
  { name: 'office', startIP: '203.0.113.10', endIP: '203.0.113.20' },
  { name: 'ci', startIP: '198.51.100.7', endIP: '198.51.100.7' },
];

test(`${ID}: one finding per firewall rule, on the rule's declaration`, () => {
  const c = cache({ firewallRules: RULES, publicNetworkAccess: 'Enabled' });
  const findings = run(ID, graphOf([c, endpoint()]));
  assert.equal(findings.length, 2);
  const office = findings.find((f) => f.facts.firewallRule === 'office');
  assert.ok(office);
  assert.equal(office.severity, 'warning');
  assert.equal(
    office.message,
    'Firewall rule office (203.0.113.10–203.0.113.20) on trading-prices-weu does not apply to its private endpoints: it only admits public traffic, so public access is probably still in use.',
  );
  assert.ok(c.firewallRules[0].origin.kind === 'file');
  assertSpan(office, c.firewallRules[0].origin.span);
});

test(`${ID}: with public access disabled the rules are leftovers (info)`, () => {
  const f = single(run(ID, graphOf([cache({ firewallRules: [RULES[0]] }), endpoint()])));
  assert.match(f.message, /public access is disabled, so the rule is a leftover: delete it\.$/);
  assert.equal(f.severity, 'info');
});

test(`${ID}: live: counts the connections the cache reports`, () => {
  const c = cache({ live: true, firewallRules: [RULES[0]], privateEndpointConnections: [{ endpointId: '/x/privateEndpoints/pe', status: 'Approved' }] });
  single(run(ID, graphOf([c]), { mode: 'live' }));
});

test(`${ID}: silent when correct (no rules, or no endpoints)`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  assertNone(run(ID, graphOf([cache({ firewallRules: RULES })])));
});

test(`${ID}: silent when the endpoint's target is unknown`, () => {
  assertNone(run(ID, graphOf([cache({ firewallRules: RULES }), endpoint({ target: unknown('module output') })])));
});

test(`${ID}: a Redis Enterprise / Managed Redis cache is never told its firewall rules "do not apply" (it has none)`, () => {
  const amr = cache({ name: 'amr', type: 'Microsoft.Cache/redisEnterprise', sku: 'Balanced_B5', firewallRules: RULES, publicNetworkAccess: 'Enabled' });
  assertNone(run(ID, graphOf([amr, endpoint({ target: amr.id, groupId: 'redisEnterprise' })])));
});
