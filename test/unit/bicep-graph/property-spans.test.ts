// Origins of Bicep nodes answer `origin.properties[path]` by looking the one path up in the evaluated body, and
// build the whole map only when it is enumerated (graph-nodes.ts, a keystroke-time optimisation). Both ways must
// give the same answer for every path, on every fixture: checked here against a second, independently built graph.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { GraphData, Origin } from '../../../src/graph/types';
import { isUnknown } from '../../../src/graph/types';
import { bicepToGraph } from '../../../src/sources/bicep/to-graph';
import { fixture } from '../../support/paths';
import { readFixture, readFromDisk } from './support';

function bicepFixtures(dir = fixture('bicep-graph')): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...bicepFixtures(path));
    else if (name.endsWith('.bicep') || name.endsWith('.bicepparam')) out.push(relative(fixture('bicep-graph'), path));
  }
  return out;
}

/** Every file origin of a graph (nodes and their zone groups), in a stable order. */
function origins(data: GraphData): Origin[] {
  const out: Origin[] = [];
  for (const node of data.nodes) {
    out.push(node.origin);
    if (node.kind === 'privateEndpoint' && !isUnknown(node.zoneGroups)) for (const group of node.zoneGroups) out.push(group.origin);
  }
  return out.filter((o) => o.kind === 'file');
}

const build = (name: string): GraphData => bicepToGraph([readFixture(...name.split('/'))], { readFile: readFromDisk });

test('looking one property span up gives what listing all of them gives, on every Bicep fixture', () => {
  const names = bicepFixtures();
  assert.ok(names.length >= 10, `fixtures found: ${names.join(', ')}`);
  let paths = 0;
  for (const name of names) {
    const listed = origins(build(name));
    const looked = origins(build(name));
    assert.equal(looked.length, listed.length, name);
    listed.forEach((full, i) => {
      const lazy = looked[i];
      if (full.kind !== 'file' || lazy.kind !== 'file') return;
      const all = { ...full.properties };
      // Before `lazy` is ever enumerated: every listed path, then paths that are not there.
      for (const [path, span] of Object.entries(all)) {
        assert.ok(path in lazy.properties, `${name} ${full.symbol}: '${path}' is found by lookup`);
        assert.deepEqual(lazy.properties[path], span, `${name} ${full.symbol}: span of '${path}'`);
        paths++;
      }
      for (const absent of ['', 'properties.noSuchKey', 'properties[0]', 'name.x', 'tags.', 'properties..sku', 'x[01]']) {
        if (absent in all) continue;
        assert.equal(lazy.properties[absent], undefined, `${name} ${full.symbol}: '${absent}' is absent`);
        assert.ok(!(absent in lazy.properties), `${name} ${full.symbol}: '${absent}' is not in`);
      }
      // Listing after lookups yields the same map, with the spans already handed out.
      assert.deepEqual({ ...lazy.properties }, all, `${name} ${full.symbol}: the listed map`);
      assert.deepEqual(Object.keys(lazy.properties), Object.keys(all), `${name} ${full.symbol}: key order`);
      assert.deepEqual(JSON.parse(JSON.stringify(lazy)).properties, JSON.parse(JSON.stringify(all)), `${name} ${full.symbol}: JSON`);
    });
  }
  assert.ok(paths > 200, `property paths compared: ${paths}`);
});

test('a key written with dots or brackets is found where listing puts it', () => {
  const text = `resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.redis.cache.windows.net'
  location: 'global'
  tags: {
    'a.b': 'quoted'
    a: { b: 'nested' }
    'c[0]': 'bracketed'
    c: [ 'item' ]
  }
}
`;
  const listed = origins(bicepToGraph([{ path: 'keys.bicep', text }]))[0];
  const looked = origins(bicepToGraph([{ path: 'keys.bicep', text }]))[0];
  assert.ok(listed.kind === 'file' && looked.kind === 'file');
  const all = { ...listed.properties };
  for (const path of ['tags.a.b', 'tags.c[0]', 'tags.a', 'tags.c']) {
    assert.ok(all[path], `'${path}' is listed`);
    assert.deepEqual(looked.properties[path], all[path], `'${path}' is looked up to the same span`);
  }
  // The first value in document order wins for `tags.a.b`: the quoted key, as when listing.
  assert.equal(all['tags.a.b'].range.start.line, 4);
});
