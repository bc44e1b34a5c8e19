import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { parseTree, type ParseError } from 'jsonc-parser';
import { suppressionEdit } from '../../../src/sources/fixes';
import { applyEdits } from '../../../src/sources/text-edit';
import type { Finding } from '../../../src/rules/types';
import { designFixture, only, Workspace } from './support';

const identity = (f: Finding) => `${f.ruleId}|${f.nodeId}|${f.message}`;

/** Applies the first offered fix until none is left; every fix must write edits and clear its finding. */
function fixEverything(ws: Workspace): string[] {
  const applied: string[] = [];
  for (let round = 0; round < 20; round++) {
    const findings = ws.analyse().findings;
    const finding = findings.find((f) => f.fixes.length > 0);
    if (!finding) return applied;
    const fix = finding.fixes[0];
    assert.ok(ws.apply(fix) > 0, `fix '${fix.title}' for ${finding.ruleId} wrote no edit`);
    const after = ws.analyse().findings.map(identity);
    assert.ok(!after.includes(identity(finding)), `${finding.ruleId} still reported after '${fix.title}'`);
    assert.ok(!ws.analyse().findings.some((f) => f.ruleId === 'syntax-error' || f.ruleId === 'design-schema'), `'${fix.title}' broke the file`);
    applied.push(`${finding.ruleId}: ${fix.kind}`);
  }
  throw new Error('fixes did not converge');
}

test('ARM: every offered fix applies, clears its finding and keeps the template valid', () => {
  const file = designFixture('arm', 'fixable.json');
  const ws = new Workspace([file]);
  const applied = fixEverything(ws);
  for (const expected of [
    'public-network-access-enabled: setProperty',
    'non-tls-port-enabled: setProperty',
    'minimum-tls-version: setProperty',
    'dns-zone-group-missing: insertZoneGroup',
    'group-id-mismatch: setProperty',
    'dns-zone-link-missing: insertVnetLink',
    'dns-zone-link-autoregistration: setProperty',
  ]) {
    assert.ok(applied.includes(expected), `expected ${expected} among ${applied.join(', ')}`);
  }
  const text = ws.text(file.path);
  const errors: ParseError[] = [];
  parseTree(text, errors);
  assert.deepEqual(errors, []);
  // Inserted with the indentation of its siblings, after the last one.
  assert.match(text, /\n {8}"minimumTlsVersion": "1\.2",\n {8}"publicNetworkAccess": "Disabled"\n {6}\}/);
  assert.match(text, /"type": "privateDnsZoneGroups"/);
  assert.match(text, /"privateDnsZoneId": "\[resourceId\('Microsoft\.Network\/privateDnsZones', 'privatelink\.redis\.cache\.windows\.net'\)\]"/);
  assert.match(text, /"type": "virtualNetworkLinks",[\s\S]*"registrationEnabled": false,[\s\S]*"id": "\[resourceId\('Microsoft\.Network\/virtualNetworks', 'vnet-app'\)\]"/);
  assert.equal(ws.analyse().findings.filter((f) => f.severity === 'error').length, 0);
});

test('YAML: every offered fix applies in the file own style (block and flow), clearing its finding', () => {
  const file = designFixture('yaml', 'fixable.plink.yaml');
  const ws = new Workspace([file]);
  const applied = fixEverything(ws);
  assert.ok(applied.includes('dns-zone-mismatch: setProperty'), applied.join(', '));
  assert.ok(applied.includes('dns-zone-group-missing: insertZoneGroup'));
  assert.ok(applied.filter((a) => a === 'dns-zone-link-missing: insertVnetLink').length >= 1);
  const text = ws.text(file.path);
  assert.equal(parseDocument(text).errors.length, 0);
  assert.match(text, /\n {4}minimumTlsVersion: '1\.2'\n {4}publicNetworkAccess: Disabled\n/, 'a block mapping gets a new aligned line');
  assert.match(text, /sku: Enterprise_E10, publicNetworkAccess: Disabled \}/, 'a flow mapping gets the value in place');
  assert.match(text, /enableNonSslPort: false {3}# legacy client/, 'comments stay');
  assert.match(text, /\n {4}dnsZones: \[privatelink\.redis\.cache\.windows\.net\]\n/);
  assert.match(text, /\n {6}- \{ network: vnet-batch, registrationEnabled: false \}\n/);
  assert.match(text, /\{ name: privatelink\.redisenterprise\.cache\.azure\.net, links: \[\{ network: vnet-app, registrationEnabled: false \}\] \}/);
});

test('ARM: a value written as an expression is not overwritten by a literal (no fix is written)', () => {
  const file = {
    path: '/w/expr.json',
    text: JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        parameters: { nonSsl: { type: 'bool', defaultValue: true } },
        resources: [
          {
            type: 'Microsoft.Cache/redis',
            apiVersion: '2024-11-01',
            name: 'c1',
            properties: { sku: { name: 'Standard', family: 'C', capacity: 1 }, enableNonSslPort: "[parameters('nonSsl')]" },
          },
        ],
      },
      null,
      2,
    ),
  };
  const ws = new Workspace([file]);
  const finding = only(ws.findings('non-tls-port-enabled'), 'finding');
  assert.equal(ws.apply(finding.fixes[0]), 0);
});

test('suppressionEdit writes the comment above the line with its indentation, in each format', () => {
  const arm = designFixture('arm', 'fixable.json');
  const ws = new Workspace([arm]);
  const finding = only(ws.findings('non-tls-port-enabled'), 'finding');
  assert.equal(finding.location.kind, 'file');
  const line = finding.location.kind === 'file' ? finding.location.span.range.start.line : -1;
  const edit = suppressionEdit(arm.path, line, 'non-tls-port-enabled', 'arm', arm.text)!;
  assert.equal(edit.newText, '        // plreview-disable-next-line non-tls-port-enabled\n');
  const suppressed = applyEdits(arm.text, [edit]);
  const after = new Workspace([{ path: arm.path, text: suppressed }]);
  assert.equal(after.findings('non-tls-port-enabled').length, 0);
  assert.equal(after.findings('minimum-tls-version').length, 1);

  // A second rule on the same line joins the existing comment.
  const tls = only(after.findings('minimum-tls-version'), 'tls finding');
  const tlsLine = tls.location.kind === 'file' ? tls.location.span.range.start.line : -1;
  const lineAfterComment = suppressed.split('\n')[line + 1];
  assert.match(lineAfterComment, /enableNonSslPort/);
  const join = suppressionEdit(arm.path, line + 1, 'minimum-tls-version', 'arm', suppressed)!;
  assert.equal(join.newText, ' minimum-tls-version');
  assert.match(applyEdits(suppressed, [join]), /\/\/ plreview-disable-next-line non-tls-port-enabled minimum-tls-version\n/);
  assert.notEqual(tlsLine, line + 1, 'the TLS finding is on its own line');

  const yaml = designFixture('yaml', 'fixable.plink.yaml');
  const yamlFinding = only(new Workspace([yaml]).findings('non-tls-port-enabled'), 'yaml finding');
  const yamlLine = yamlFinding.location.kind === 'file' ? yamlFinding.location.span.range.start.line : -1;
  const yamlEdit = suppressionEdit(yaml.path, yamlLine, 'non-tls-port-enabled', 'yaml', yaml.text)!;
  assert.equal(yamlEdit.newText, '    # plreview-disable-next-line non-tls-port-enabled\n');
  assert.equal(new Workspace([{ path: yaml.path, text: applyEdits(yaml.text, [yamlEdit]) }]).findings('non-tls-port-enabled').length, 0);

  assert.equal(suppressionEdit('/w/main.bicep', 0, 'group-id-mismatch', 'bicep', "resource pe 'x' = {}\n")?.newText, '// plreview-disable-next-line group-id-mismatch\n');
  assert.equal(suppressionEdit('/w/main.tf', 1, 'group-id-mismatch', 'terraform', 'resource "a" "b" {\n  x = 1\n}\n')?.newText, '  # plreview-disable-next-line group-id-mismatch\n');
});

test('no suppression comment is written into a file whose syntax has no comments (plan JSON, .tf.json)', () => {
  const plan = '{\n  "format_version": "1.2",\n  "terraform_version": "1.9.0",\n  "planned_values": {}\n}\n';
  assert.equal(suppressionEdit('/w/plan.json', 2, 'group-id-mismatch', 'terraform-plan', plan), undefined);
  assert.equal(suppressionEdit('/w/main.tf.json', 1, 'group-id-mismatch', 'terraform', '{\n  "resource": {}\n}\n'), undefined);
  assert.equal(suppressionEdit('/w/prod.tfvars.json', 1, 'group-id-mismatch', 'terraform', '{\n  "x": 1\n}\n'), undefined);
});

test('YAML: links are appended to block lists at the dash column, and an empty `links:` gets a list', () => {
  const design = (links: string) =>
    [
      'privateLinkDesign: v1',
      'caches:',
      '  - { name: c1, type: Microsoft.Cache/redis, sku: Premium, publicNetworkAccess: Disabled }',
      'networks:',
      '  - { name: hub, subnets: [pe] }',
      '  - { name: spoke }',
      'privateEndpoints:',
      '  - { name: pe1, target: c1, groupId: redisCache, subnet: hub/pe, dnsZones: [privatelink.redis.cache.windows.net] }',
      'dnsZones:',
      '  - name: privatelink.redis.cache.windows.net',
      links,
      'clients:',
      '  - { name: app, network: spoke, uses: [c1] }',
      '',
    ].join('\n');
  const block = { path: '/w/block.plink.yaml', text: design('    links:\n      -   network: hub\n          registrationEnabled: false') };
  const ws = new Workspace([block]);
  const finding = only(ws.findings('dns-zone-link-missing'), 'finding');
  assert.ok(ws.apply(finding.fixes[0]) > 0);
  assert.match(ws.text(block.path), /\n {6}- {3}network: hub\n {10}registrationEnabled: false\n {6}- \{ network: spoke, registrationEnabled: false \}\n/);
  assert.deepEqual(ws.findings(), []);

  const empty = { path: '/w/empty.plink.yaml', text: design('    links:   # to do') };
  const ws2 = new Workspace([empty]);
  // With no links at all, both the endpoint's network and the client's need one: fix them in turn.
  for (let i = 0; i < 2; i++) {
    const next = ws2.findings('dns-zone-link-missing')[0];
    assert.ok(next && ws2.apply(next.fixes[0]) > 0);
  }
  assert.deepEqual(ws2.findings(), []);
  assert.match(ws2.text(empty.path), /\n {4}links: \[\{ network: (hub|spoke), registrationEnabled: false \}, \{ network: (hub|spoke), registrationEnabled: false \}\] # to do\n/, 'the comment stays');
});
