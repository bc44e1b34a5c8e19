// duplicate-private-dns-zone fires on designs too (issue 13): a module that declares a privatelink zone, deployed
// into two resource groups (`scope: resourceGroup('…')`), makes two zones of one name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import { fixture } from '../../support/paths';

const path = (name: string) => fixture('real-designs', 'duplicate-zones', name);
const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};

function duplicates(...names: string[]) {
  const files = names.map((n) => ({ path: path(n), text: read(path(n))! }));
  return analyseDesign(files, DEFAULT_CONFIG, { readFile: read }).findings.filter((f) => f.ruleId === 'duplicate-private-dns-zone');
}

test('a zone module deployed into two resource groups declares the zone twice', () => {
  const [finding, ...more] = duplicates('main.bicep', 'dns.bicep');
  assert.equal(more.length, 0);
  assert.ok(finding, 'one finding for the second copy');
  assert.match(finding.message, /Zone privatelink\.redis\.cache\.windows\.net is declared again \(resource group rg-dns-(hub|spoke); also resource group rg-dns-(hub|spoke)\)/);
});

test('the same module deployed twice into one resource group is one zone', () => {
  assert.deepEqual(duplicates('same-group.bicep', 'dns.bicep'), []);
});
