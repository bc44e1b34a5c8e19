import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';
import { classifyDesignFile, commentPrefixOf, DESIGN_FORMATS, designFileGlob, designFormatsDescription } from '../../../src/sources/formats';
import { DESIGN_SOURCES, sourceOf } from '../../../src/sources/registry';

// The source registry is the one place that knows the design formats: these checks keep its two halves
// (formats.ts, registry.ts) and package.json in step, so a new format cannot be half-registered.

test('every design format is read by exactly one source, and every source reads only registered formats', () => {
  for (const format of DESIGN_FORMATS) {
    const readers = DESIGN_SOURCES.filter((source) => source.formats.includes(format.id));
    assert.equal(readers.length, 1, `${format.id} is read by ${readers.length} sources`);
    assert.equal(sourceOf(format.id), readers[0]);
  }
  const known = new Set(DESIGN_FORMATS.map((f) => f.id));
  for (const source of DESIGN_SOURCES) for (const id of source.formats) assert.ok(known.has(id), `${id} has no DesignFormat`);
});

test("package.json activates the extension for every format's files", () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { activationEvents: string[] };
  for (const format of DESIGN_FORMATS) {
    for (const event of format.activationEvents) assert.ok(pkg.activationEvents.includes(event), `${format.id}: ${event} missing`);
  }
});

test('the watcher glob covers every extension a format claims', () => {
  const glob = designFileGlob();
  for (const format of DESIGN_FORMATS) {
    for (const extension of format.extensions) assert.ok(glob.includes(extension.slice(1)), `${extension} not in ${glob}`);
  }
  assert.equal(glob, '**/*.{bicep,bicepparam,tf,tfvars,tf.json,tfvars.json,json,jsonc,yaml,yml}');
});

test('classification: names first, then content; the project configuration is never a design', () => {
  const arm = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#" }';
  assert.equal(classifyDesignFile('/w/main.bicep', ''), 'bicep');
  assert.equal(classifyDesignFile('/w/main.BICEPPARAM', ''), 'bicepparam');
  assert.equal(classifyDesignFile('/w/t.json', arm), 'arm');
  assert.equal(classifyDesignFile('/w/t.parameters.json', '{ "$schema": "…/deploymentParameters.json#" }'), undefined);
  assert.equal(classifyDesignFile('/w/a.plink.yaml', ''), 'yaml');
  assert.equal(classifyDesignFile('/w/any.yml', 'privateLinkDesign: v1\n'), 'yaml');
  assert.equal(classifyDesignFile('/w/.plreview.yaml', 'privateLinkDesign: v1\n'), undefined);
  assert.equal(classifyDesignFile('/w/README.md', 'privateLinkDesign: v1\n'), undefined);
  assert.equal(classifyDesignFile('/w/main.tf', ''), 'terraform');
  assert.equal(classifyDesignFile('/w/main.tf.json', '{}'), 'terraform');
  assert.equal(classifyDesignFile('/w/prod.auto.tfvars', ''), 'terraform');
});

test('comment syntax and the list of formats come from the registry', () => {
  assert.equal(commentPrefixOf('yaml', '/w/a.plink.yaml'), '#');
  assert.equal(commentPrefixOf('bicep', '/w/main.bicep'), '//');
  assert.equal(commentPrefixOf('arm', '/w/t.json'), '//');
  assert.equal(commentPrefixOf('terraform', '/w/main.tf'), '#');
  // Strict JSON holds no comment: a plan, Terraform's JSON syntax.
  assert.equal(commentPrefixOf('terraform', '/w/main.tf.json'), undefined);
  assert.equal(commentPrefixOf('terraform-plan', '/w/plan.json'), undefined);
  assert.equal(designFormatsDescription(), '.bicep, .bicepparam, Terraform (.tf, .tfvars), a Terraform plan (terraform show -json), an ARM template or a YAML design');
});
