import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cache, endpoint, graphOf, healthyDesign, run, spanOf, unknown } from './builders';
import { assertNone, assertSpan, single } from './assertions';

const ID = 'manual-connection-not-approved';

test(`${ID}: design: a manual connection is info, underlined at its target`, () => {
  const pe = endpoint({ manual: true });
  const f = single(run(ID, graphOf([cache(), pe])));
  assert.equal(f.severity, 'info');
  assert.equal(
    f.message,
    'Private endpoint pe-trading uses a manual connection to trading-prices-weu: it stays Pending until the owner of trading-prices-weu approves it, so plan the approval step.',
  );
  assertSpan(f, spanOf(pe, 'properties.manualPrivateLinkServiceConnections[0].properties.privateLinkServiceId'));
});

test(`${ID}: live: Pending is a warning, Rejected an error`, () => {
  const pending = single(run(ID, graphOf([cache({ live: true }), endpoint({ live: true, manual: true, status: 'Pending' })]), { mode: 'live' }));
  assert.equal(pending.severity, 'warning');
  assert.match(pending.message, /still Pending approval/);
  const rejected = single(run(ID, graphOf([cache({ live: true }), endpoint({ live: true, manual: true, status: 'Rejected' })]), { mode: 'live' }));
  assert.equal(rejected.severity, 'error');
  assert.match(rejected.message, /rejected the connection of private endpoint pe-trading/);
  assert.equal(rejected.facts.status, 'Rejected');
});

test(`${ID}: a configured severity is a ceiling`, () => {
  const graph = graphOf([cache({ live: true }), endpoint({ live: true, manual: true, status: 'Rejected' })]);
  assert.equal(single(run(ID, graph, { mode: 'live', severity: 'warning' })).severity, 'warning');
  assertNone(run(ID, graph, { mode: 'live', severity: 'off' }));
});

test(`${ID}: silent when correct (automatic, or approved)`, () => {
  assertNone(run(ID, graphOf(healthyDesign())));
  assertNone(run(ID, graphOf([cache({ live: true }), endpoint({ live: true, manual: true, status: 'Approved' })]), { mode: 'live' }));
});

test(`${ID}: silent when the status is unknown on an automatic connection, or the target is unknown`, () => {
  assertNone(run(ID, graphOf([cache({ live: true }), endpoint({ live: true, status: unknown('not fetched') })]), { mode: 'live' }));
  assertNone(run(ID, graphOf([endpoint({ manual: true, target: unknown('module output') })])));
});
