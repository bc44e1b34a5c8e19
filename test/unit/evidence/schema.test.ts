// evidence.json against schemas/evidence.schema.json (draft-07, ajv): the sample, the masked and the poisoned
// estates, and a model with design-only values (unknowns, file locations).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { canonicalJson } from '../../../src/evidence/canonical';
import { renderSarifText } from '../../../src/evidence/render-sarif';
import { fixture, repoRoot } from '../../support/paths';
import { estateModel } from './support';

function validator() {
  const schema = JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'evidence.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

const validate = validator();

for (const [name, model] of [
  ['sample', estateModel()],
  ['masked sample', estateModel({ mask: true })],
  ['poisoned', estateModel({ file: 'poisoned-estate.json' })],
] as const) {
  test(`evidence.json of the ${name} estate is valid against the schema`, () => {
    const json = JSON.parse(canonicalJson(model));
    assert.ok(validate(json), JSON.stringify(validate.errors, null, 2));
  });
}

test('the schema rejects what it must: an unknown field, a bad fingerprint, a missing coverage', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const fresh = (): any => JSON.parse(canonicalJson(estateModel()));
  assert.ok(validate(fresh()));
  const extra = fresh();
  extra.caches[0].accessKeys = { primaryKey: 'x' };
  assert.equal(validate(extra), false, 'a cache with an unlisted property (accessKeys) must not validate');
  const badPrint = fresh();
  badPrint.findings[0].fingerprint = 'not-a-hash';
  assert.equal(validate(badPrint), false);
  const noCoverage = fresh();
  delete noCoverage.coverage;
  assert.equal(validate(noCoverage), false);
});

test('findings.sarif is valid against the official SARIF 2.1.0 schema, masked or not', () => {
  // The OASIS schema, kept by the design linter's tests (test/fixtures/design).
  const schema = JSON.parse(readFileSync(fixture('design', 'sarif-schema-2.1.0.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validateSarif = ajv.compile(schema);
  for (const model of [estateModel(), estateModel({ mask: true }), estateModel({ file: 'poisoned-estate.json' })]) {
    type Result = { partialFingerprints: Record<string, string>; locations: { logicalLocations?: unknown[] }[] };
    const sarif = JSON.parse(renderSarifText(model)) as { runs: { results: Result[] }[] };
    assert.ok(validateSarif(sarif), JSON.stringify(validateSarif.errors, null, 2));
    const results = sarif.runs[0].results;
    assert.equal(results.length, model.findings.length);
    assert.ok(results.length > 0);
    // Live findings: a logical location (the resource id) and the bundle's own fingerprint.
    results.forEach((r, i) => {
      assert.ok(r.locations[0].logicalLocations, 'live findings carry logicalLocations');
      assert.equal(r.partialFingerprints['plreview/v1'], model.findings[i].fingerprint);
    });
  }
});
