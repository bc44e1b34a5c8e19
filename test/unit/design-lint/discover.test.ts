import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyDesignFile } from '../../../src/sources/formats';
import { discoverDesignFiles, DiscoveryError } from '../../../src/lint/discover';

const ARM = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [] }';
let root = '';

before(() => {
  root = mkdtempSync(join(tmpdir(), 'plr-discover-'));
  const files: Record<string, string> = {
    'infra/cache.bicep': "param name string = 'x'\n",
    'infra/main.bicepparam': "using './cache.bicep'\n",
    'infra/arm/zones.json': ARM,
    'infra/arm/zones.parameters.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#" }',
    'infra/package.json': '{ "name": "x" }',
    'design/trading.plink.yaml': 'caches: []\n',
    'design/privatelink.design.yaml': 'privateLinkDesign: v1\n',
    'design/review.yaml': '# reviewed\nprivateLinkDesign: v1\n',
    'design/pipeline.yml': 'steps: []\n',
    'node_modules/pkg/evil.bicep': '',
    '.git/hooks/x.bicep': '',
    '.plreview.yaml': 'rules: {}\n',
    'README.md': '# x\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
});

after(() => rmSync(root, { recursive: true, force: true }));

test('discovery finds Bicep, ARM templates and YAML designs; skips node_modules, .git, parameters files and other YAML', async () => {
  assert.deepEqual(await discoverDesignFiles([], root), [
    'design/privatelink.design.yaml',
    'design/review.yaml',
    'design/trading.plink.yaml',
    'infra/arm/zones.json',
    'infra/cache.bicep',
    'infra/main.bicepparam',
  ]);
});

test('discovery keeps paths in the form given: a relative folder, an absolute folder, a file', async () => {
  assert.deepEqual(await discoverDesignFiles(['infra/arm'], root), ['infra/arm/zones.json']);
  assert.deepEqual(await discoverDesignFiles([join(root, 'design')], root), [
    join(root, 'design/privatelink.design.yaml'),
    join(root, 'design/review.yaml'),
    join(root, 'design/trading.plink.yaml'),
  ]);
  // A named file is taken as named, even one a folder search would skip (the caller decides what it is).
  assert.deepEqual(await discoverDesignFiles(['README.md', 'infra/cache.bicep', 'infra'], root), [
    'README.md',
    'infra/arm/zones.json',
    'infra/cache.bicep',
    'infra/main.bicepparam',
  ]);
});

test('discovery of a path that does not exist is a DiscoveryError naming it', async () => {
  await assert.rejects(discoverDesignFiles(['nope/'], root), (error: unknown) => error instanceof DiscoveryError && /nope\/: no such file or folder/.test(error.message));
});

test('classifyDesignFile decides by name, then by content', () => {
  assert.equal(classifyDesignFile('/a/x.bicep', ''), 'bicep');
  assert.equal(classifyDesignFile('/a/x.bicepparam', ''), 'bicepparam');
  assert.equal(classifyDesignFile('/a/x.json', ARM), 'arm');
  assert.equal(classifyDesignFile('/a/x.json', '{ "resources": [] }'), undefined);
  assert.equal(classifyDesignFile('/a/x.plink.yaml', ''), 'yaml');
  assert.equal(classifyDesignFile('/a/privatelink.design.yaml', ''), 'yaml');
  assert.equal(classifyDesignFile('/a/any.yml', 'privateLinkDesign: v1'), 'yaml');
  assert.equal(classifyDesignFile('/a/any.yml', 'steps: []'), undefined);
  assert.equal(classifyDesignFile('/a/.plreview.yaml', 'privateLinkDesign: v1'), undefined);
});
