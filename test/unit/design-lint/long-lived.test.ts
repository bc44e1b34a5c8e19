import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';

// The editor is one long-lived process: what it remembers between analyses (syntax trees, resource keys of ids)
// must stay bounded in size, not only in count. A resource named with a huge string must not be kept once
// the file no longer says it.

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

test('a long session of files with huge resource names keeps a flat heap', () => {
  const version = (i: number) =>
    `resource cache 'Microsoft.Cache/redis@2024-11-01' = {\n  name: 'c${i}${'x'.repeat(400_000)}'\n  location: 'westeurope'\n}\n` +
    `resource zone 'Microsoft.Network/privateDnsZones@2020-06-01' = {\n  name: 'z${i}${'y'.repeat(400_000)}'\n  location: 'global'\n}\n`;
  // One path: the file is edited; its previous trees are replaced, so only what outlives them can accumulate.
  for (let i = 0; i < 5; i++) analyseDesign([{ path: '/w/huge-names.bicep', text: version(i) }], DEFAULT_CONFIG);
  const before = heapMb();
  for (let i = 5; i < 65; i++) analyseDesign([{ path: '/w/huge-names.bicep', text: version(i) }], DEFAULT_CONFIG);
  const after = heapMb();
  // 60 versions hold 48 MB of names: far more than the 20 MB allowed for noise.
  assert.ok(after - before < 20, `heap grew from ${before.toFixed(0)} MB to ${after.toFixed(0)} MB`);
});
