import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';
import { sourceFiles } from '../../support/source-files';
import { azureSdkLoaded } from '../../../src/sources/live/sdk-loader';
import { EstateTreeModel } from '../../../src/tree';
import { EstateInventory } from '../../../src/sources/live/estate-inventory';
import { readEstatePath } from '../../../src/sources/snapshot/read';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { SAMPLE_ESTATE, SUBSCRIPTIONS } from './support';

// Type-only imports are erased at build time and load nothing.
test('no source file imports @azure/* at run time except the lazy SDK bundle entry', () => {
  const root = repoRoot();
  const offenders = sourceFiles()
    .filter((f) => f !== join('src', 'sources', 'live', 'azure-sdk.ts'))
    .filter((f) =>
      readFileSync(join(root, f), 'utf8')
        .split('\n')
        .some((line) => !/^\s*import\s+type\b/.test(line) && /(from\s+['"]@azure\/)|(require\(\s*['"]@azure\/)|(import\(\s*['"]@azure\/)/.test(line)),
    );
  assert.deepEqual(offenders, []);
});

test('an estate snapshot fills the tree without loading the Azure SDK', async () => {
  const estate = readEstatePath(SAMPLE_ESTATE);
  const model = new EstateTreeModel(new EstateInventory(estate.resources, estate.coverage), DEFAULT_CONFIG);
  await model.load([SUBSCRIPTIONS.insurer]);
  const [insurer] = await model.getChildren();
  assert.equal(insurer.label, 'Insurer Claims');
  const caches = await model.getChildren(insurer);
  assert.deepEqual(caches.map((c) => c.label), ['redis-claims', 'redisent-policy-quotes', 'Azure Key Vault', 'Storage account']);
  const children = await model.getChildren(caches[0]);
  assert.ok(children.some((c) => c.label === 'missing: zone privatelink.redis.cache.windows.net not linked to vnet-claims-batch'));
  assert.equal(azureSdkLoaded(), false);
});
