// Evidence covers every Private Link target, not only caches: the sample estate's storage account and key vault
// are rows of their own, with their public-access switch as read, and the summary counts per catalog service.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { buildEvidence } from '../../../src/evidence/build';
import { canonicalJson } from '../../../src/evidence/canonical';
import { evidenceInputFromParts, estatePart } from '../../../src/evidence/scope';
import { renderMarkdown } from '../../../src/evidence/render-markdown';
import { renderHtml } from '../../../src/evidence/render-html';
import { renderCsv, CSV_COLUMNS } from '../../../src/evidence/render-csv';
import { repoRoot } from '../../support/paths';
import { SAMPLE_NOW } from './support';

const SAMPLE_ESTATE = join(repoRoot(), 'examples', 'estate');
const model = buildEvidence(evidenceInputFromParts({ parts: [estatePart(SAMPLE_ESTATE, { displayPath: 'examples/estate' })], now: SAMPLE_NOW }));

test('every target of the sample estate is a row, with its service and public access as read', () => {
  assert.deepEqual(
    model.targets.map((t) => [t.name, t.service, t.serviceName, t.publicAccess.property, t.publicAccess.value, t.publicAccess.restriction, t.endpointIds.length, t.findingCount]),
    [
      ['stclaimsdocs', 'storage', 'Storage account', 'properties.publicNetworkAccess', 'Disabled', 'Deny', 1, 0],
      ['kv-claims', 'keyVault', 'Azure Key Vault', 'properties.publicNetworkAccess', 'Disabled', 'Deny', 1, 1],
    ],
  );
  assert.equal(model.summary.targets, 2);
});

test('the summary counts targets, endpoints and findings per service, Redis included', () => {
  const { services } = model.summary;
  assert.deepEqual(services.storage, { displayName: 'Storage account', targets: 1, endpoints: 1, findings: 0 });
  assert.deepEqual(services.keyVault, { displayName: 'Azure Key Vault', targets: 1, endpoints: 1, findings: 1 });
  // Caches count under their service; an endpoint whose cache was deleted still counts under the service its id names.
  assert.deepEqual(services.redis, { displayName: 'Azure Cache for Redis', targets: 4, endpoints: 6, findings: 9 });
  assert.deepEqual(services.redisEnterprise, { displayName: 'Azure Cache for Redis Enterprise / Azure Managed Redis', targets: 3, endpoints: 3, findings: 0 });
  assert.deepEqual(Object.keys(services), [...Object.keys(services)].sort());
});

test('evidence.json with targets is valid against the schema', () => {
  const schema = JSON.parse(readFileSync(join(repoRoot(), 'schemas', 'evidence.schema.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  assert.ok(validate(JSON.parse(canonicalJson(model))), JSON.stringify(validate.errors, null, 2));
});

test('report.md and report.html list the services and each subscription\'s other targets; the CSV has their rows', () => {
  const md = renderMarkdown(model);
  assert.match(md, /## Private Link services\n\n\| Service \| Targets \| Endpoints \| Findings \|/);
  assert.match(md, /\| Azure Key Vault \(keyVault\) \| 1 \| 1 \| 1 \|/);
  assert.match(md, /\| kv-claims \| Azure Key Vault \| westeurope \| publicNetworkAccess: Disabled; networkAcls\.defaultAction: Deny \| 1 \| 1 \|/);
  assert.match(md, /2 Private Link targets of other services in scope\./);
  const html = renderHtml(model);
  assert.match(html, /<h2>Private Link services<\/h2>/);
  assert.match(html, /stclaimsdocs/);
  const csv = renderCsv(model).split('\r\n');
  const header = csv[0].split(',');
  assert.deepEqual(header, [...CSV_COLUMNS]);
  const row = csv.find((line) => line.includes(',kv-claims,'));
  assert.ok(row, 'a row for the key vault');
  const cells = row.split(',');
  assert.equal(cells[header.indexOf('cache_kind')], 'Azure Key Vault');
  assert.equal(cells[header.indexOf('endpoint_name')], 'pe-kv-claims');
  assert.equal(cells[header.indexOf('zone_name')], 'privatelink.vault.azure.net');
});
