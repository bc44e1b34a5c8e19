// What the keystroke path keeps between analyses (trees by path, evaluated resources by node, literal values by
// node) must not grow with the number of keystrokes: 400 keystrokes on one file leave the heap where 100 did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyseDesign } from '../../../src/lint/analyse';
import { DEFAULT_CONFIG } from '../../../src/config/config';

v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function block(i: number): string {
  return `resource cache${i} 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'cache-${i}'
  location: location
  properties: { sku: { name: 'Premium', family: 'P', capacity: 1 }, publicNetworkAccess: 'Disabled' }
}

resource pe${i} 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-${i}'
  location: location
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-pe') }
    privateLinkServiceConnections: [ { name: 'c', properties: { privateLinkServiceId: cache${i}.id, groupIds: [ 'redisCache' ] } } ]
  }
}
`;
}

function heapAfterCollection(): number {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

test('400 keystrokes on a 2,000-line file keep the heap where 100 keystrokes left it', () => {
  let text = "param location string = 'westeurope'\n\n" + Array.from({ length: 130 }, (_, i) => block(i)).join('\n');
  const path = '/memory/keystrokes.bicep';
  let kept = analyseDesign([{ path, text }], DEFAULT_CONFIG);
  let after100 = 0;
  for (let i = 1; i <= 400; i++) {
    // Type into a different resource each time, and take it back on the next keystroke.
    const at = text.indexOf(`name: 'cache-${(i * 17) % 130}'`) + "name: '".length;
    text = i % 2 === 1 ? text.slice(0, at) + 'x' + text.slice(at) : text.replace("name: 'xcache-", "name: 'cache-");
    kept = analyseDesign([{ path, text }], DEFAULT_CONFIG);
    if (i === 100) after100 = heapAfterCollection();
  }
  const after400 = heapAfterCollection();
  assert.ok(kept.graph.nodes.length >= 260);
  // A leak of one tree or one analysis per keystroke would be hundreds of megabytes here.
  assert.ok(after400 - after100 < 8_000_000, `the heap grew by ${((after400 - after100) / 1e6).toFixed(1)} MB from keystroke 100 to 400`);
});
