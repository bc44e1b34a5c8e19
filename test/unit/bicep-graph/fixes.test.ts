import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { analyseDesign } from '../../../src/lint/analyse';
import type { DesignFile } from '../../../src/lint/design-file';
import type { Finding } from '../../../src/rules/types';
import { bicepEditsForFix, bicepLiteral } from '../../../src/sources/bicep/fixes';
import { parseBicep } from '../../../src/sources/bicep/parser';
import { applyEdits } from '../../../src/sources/text-edit';
import { editsForFix } from '../../../src/sources/fixes';
import { fixture } from '../../support/paths';

/** A workspace in memory: fixture files plus inline ones; modules are read from it. */
class Workspace {
  readonly texts = new Map<string, string>();

  constructor(files: Record<string, string>, fixtures: string[] = []) {
    for (const [path, text] of Object.entries(files)) this.texts.set(path, text);
    for (const name of fixtures) {
      const path = fixture('bicep-graph', ...name.split('/'));
      this.texts.set(path, readFileSync(path, 'utf8'));
    }
  }

  /** Files handed to the analysis (module files are read through readFile, like the CLI does). */
  roots(): DesignFile[] {
    return [...this.texts].filter(([path]) => !path.includes('/modules/') || path.endsWith('main.bicep')).map(([path, text]) => ({ path, text }));
  }

  analyse(): { findings: Finding[]; graph: ReturnType<typeof analyseDesign>['graph'] } {
    return analyseDesign(this.roots(), DEFAULT_CONFIG, { readFile: (p) => this.texts.get(p) ?? readOrUndefined(p) });
  }

  /** Applies the first fix of the finding and returns the changed files. */
  applyFix(finding: Finding): string[] {
    const { graph } = this.analyse();
    const intent = finding.fixes[0];
    assert.ok(intent, `the ${finding.ruleId} finding offers a fix`);
    // Through the shared dispatcher, as the editor and the CLI apply fixes.
    const edits = editsForFix(intent, graph, (file) => this.texts.get(file) ?? readOrUndefined(file));
    assert.ok(edits.length > 0, `edits for ${intent.kind}`);
    const changed = [...new Set(edits.map((e) => e.file))];
    for (const file of changed) {
      const before = this.texts.get(file) ?? readFileSync(file, 'utf8');
      this.texts.set(file, applyEdits(before, edits.filter((e) => e.file === file)));
    }
    return changed;
  }
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function only(findings: Finding[], ruleId: string, where?: RegExp): Finding {
  const matching = findings.filter((f) => f.ruleId === ruleId && (!where || where.test(f.message)));
  assert.equal(matching.length, 1, `one ${ruleId} finding, got: ${findings.map((f) => `${f.ruleId}: ${f.message}`).join('\n')}`);
  return matching[0];
}

/** Fix one finding, check the files still parse, and that the finding is gone. */
function fixAndCheck(ws: Workspace, ruleId: string, where?: RegExp): string {
  const finding = only(ws.analyse().findings, ruleId, where);
  const changed = ws.applyFix(finding);
  for (const file of changed) {
    const { diagnostics } = parseBicep(ws.texts.get(file) as string, { fileName: file });
    assert.deepEqual(diagnostics.map((d) => d.message), [], `${file} re-parses without errors:\n${ws.texts.get(file)}`);
  }
  const after = ws.analyse().findings.filter((f) => f.ruleId === ruleId && (!where || where.test(f.message)));
  assert.deepEqual(after.map((f) => f.message), [], `the ${ruleId} finding is gone after the fix:\n${changed.map((f) => ws.texts.get(f)).join('\n---\n')}`);
  assert.ok(!ws.analyse().findings.some((f) => f.ruleId === 'syntax-error'));
  return ws.texts.get(changed[0]) as string;
}

const CACHE_AND_ENDPOINT = (cacheProperties: string) => `resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'redis-fix'
  location: 'westeurope'
  properties: {
${cacheProperties}
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-fix'
  location: 'westeurope'
  properties: {
    subnet: {
      id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-pe')
    }
    privateLinkServiceConnections: [
      {
        name: 'redis'
        properties: {
          privateLinkServiceId: cache.id
          groupIds: [
            'redisCache'
          ]
        }
      }
    ]
  }
}
`;

const SKU = `    sku: {
      name: 'Standard'
      family: 'C'
      capacity: 1
    }`;

test('bicepLiteral quotes and escapes strings, writes booleans bare', () => {
  assert.equal(bicepLiteral('Disabled'), "'Disabled'");
  assert.equal(bicepLiteral("it's ${x}"), "'it\\'s \\${x}'");
  assert.equal(bicepLiteral(false), 'false');
});

test('setProperty replaces a wrong group id in place', () => {
  const ws = new Workspace({}, ['enterprise.bicep']);
  const text = fixAndCheck(ws, 'group-id-mismatch');
  assert.match(text, /groupIds: \[\n\s+'redisEnterprise'\n/);
});

test("setProperty replaces publicNetworkAccess: 'Enabled'", () => {
  const ws = new Workspace({}, ['enterprise.bicep']);
  const text = fixAndCheck(ws, 'public-network-access-enabled');
  assert.match(text, /publicNetworkAccess: 'Disabled'/);
});

test('setProperty inserts an absent publicNetworkAccess as a new line of the properties object, indented like its neighbours', () => {
  const ws = new Workspace({ '/ws/cache.bicep': CACHE_AND_ENDPOINT(SKU) });
  const text = fixAndCheck(ws, 'public-network-access-enabled');
  assert.ok(text.includes("      capacity: 1\n    }\n    publicNetworkAccess: 'Disabled'\n  }\n}"), text);
});

test('setProperty creates `properties: {}` when the resource has none', () => {
  const amr = `resource amr 'Microsoft.Cache/redisEnterprise@2025-07-01' = {
  name: 'amr-fix'
  location: 'westeurope'
  sku: {
    name: 'Balanced_B5'
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-amr'
  properties: {
    privateLinkServiceConnections: [
      {
        name: 'amr'
        properties: {
          privateLinkServiceId: amr.id
          groupIds: [
            'redisEnterprise'
          ]
        }
      }
    ]
  }
}
`;
  const ws = new Workspace({ '/ws/amr.bicep': amr });
  const text = fixAndCheck(ws, 'public-network-access-enabled');
  assert.ok(text.includes("  }\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}"), text);
});

test('setProperty in a module file: the value passed by the caller is replaced in the caller', () => {
  const ws = new Workspace({}, ['modules/main.bicep', 'modules/network.bicep', 'modules/cache.bicep', 'modules/cycle-a.bicep', 'modules/cycle-b.bicep']);
  const finding = only(ws.analyse().findings, 'public-network-access-enabled');
  const changed = ws.applyFix(finding);
  assert.equal(changed.length, 1);
  assert.ok(changed[0].endsWith('main.bicep'));
  assert.match(ws.texts.get(changed[0]) as string, /publicAccess: 'Disabled'/);
  assert.equal(ws.analyse().findings.filter((f) => f.ruleId === 'public-network-access-enabled').length, 0);
});

test('AVM calls: fixes edit the arguments in the params object', () => {
  const ws = new Workspace({}, ['avm/main.bicep']);
  fixAndCheck(ws, 'group-id-mismatch', /redis-avm \(/);
  fixAndCheck(ws, 'non-tls-port-enabled');
  fixAndCheck(ws, 'minimum-tls-version');
  fixAndCheck(ws, 'dns-zone-link-autoregistration');
  // Enabled by the module's default (no argument): inserted into params.
  const text = fixAndCheck(ws, 'public-network-access-enabled');
  assert.match(text, /skuName: 'Balanced_B1'\n\s+database: \{\n\s+port: 10000\n\s+\}\n\s+publicNetworkAccess: 'Disabled'\n\s+\}/);
});

test('insertZoneGroup adds a privateDnsZoneGroups child resource after the endpoint', () => {
  const ws = new Workspace({ '/ws/cache.bicep': CACHE_AND_ENDPOINT(`${SKU}\n    publicNetworkAccess: 'Disabled'`) });
  const text = fixAndCheck(ws, 'dns-zone-group-missing');
  assert.match(text, /resource endpointDnsZoneGroup 'Microsoft\.Network\/privateEndpoints\/privateDnsZoneGroups@2024-05-01' = \{\n  parent: endpoint\n  name: 'default'/);
  assert.match(text, /privateDnsZoneId: resourceId\('Microsoft\.Network\/privateDnsZones', 'privatelink\.redis\.cache\.windows\.net'\)/);
});

test('insertZoneGroup on an AVM private-endpoint call adds a privateDnsZoneGroup argument', () => {
  const ws = new Workspace({}, ['avm/main.bicep']);
  const text = fixAndCheck(ws, 'dns-zone-group-missing');
  assert.match(text, /privateDnsZoneGroup: \{\n\s+privateDnsZoneGroupConfigs: \[\n\s+\{\n\s+privateDnsZoneResourceId: resourceId\('Microsoft\.Network\/privateDnsZones', 'privatelink\.redis\.azure\.net'\)/);
});

test('insertVnetLink adds a virtualNetworkLinks child resource after the zone', () => {
  const design = `resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub'
  location: 'westeurope'
  properties: {
    subnets: [
      {
        name: 'snet-pe'
        properties: {
          addressPrefix: '10.0.1.0/24'
        }
      }
    ]
  }
}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.redis.cache.windows.net'
  location: 'global'
}

resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'redis-link'
  properties: {
${SKU}
    publicNetworkAccess: 'Disabled'
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-link'
  properties: {
    subnet: {
      id: hub.properties.subnets[0].id
    }
    privateLinkServiceConnections: [
      {
        name: 'redis'
        properties: {
          privateLinkServiceId: cache.id
          groupIds: [
            'redisCache'
          ]
        }
      }
    ]
  }

  resource group 'privateDnsZoneGroups' = {
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: 'redis'
          properties: {
            privateDnsZoneId: zone.id
          }
        }
      ]
    }
  }
}
`;
  const ws = new Workspace({ '/ws/link.bicep': design });
  const text = fixAndCheck(ws, 'dns-zone-link-missing');
  assert.match(text, /resource zoneLinkVnethub 'Microsoft\.Network\/privateDnsZones\/virtualNetworkLinks@2024-06-01' = \{\n  parent: zone\n  name: 'link-vnet-hub'/);
  assert.match(text, /id: resourceId\('Microsoft\.Network\/virtualNetworks', 'vnet-hub'\)/);
});

test('insertVnetLink on an AVM private-dns-zone call adds an element to virtualNetworkLinks', () => {
  const design = `module zone 'br/public:avm/res/network/private-dns-zone:0.8.0' = {
  name: 'zone'
  params: {
    name: 'privatelink.redis.cache.windows.net'
  }
}

module cache 'br/public:avm/res/cache/redis:0.16.0' = {
  name: 'cache'
  params: {
    name: 'redis-avm-link'
    privateEndpoints: [
      {
        subnetResourceId: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-app', 'snet-pe')
        privateDnsZoneGroup: {
          privateDnsZoneGroupConfigs: [
            {
              privateDnsZoneResourceId: zone.outputs.resourceId
            }
          ]
        }
      }
    ]
  }
}
`;
  const ws = new Workspace({ '/ws/avm-link.bicep': design });
  const text = fixAndCheck(ws, 'dns-zone-link-missing');
  assert.match(text, /virtualNetworkLinks: \[\n\s+\{\n\s+name: 'link-vnet-app'\n\s+virtualNetworkResourceId: resourceId\('Microsoft\.Network\/virtualNetworks', 'vnet-app'\)\n\s+registrationEnabled: false/);
});

test('fixes are not offered where they would not compile: loop bodies', () => {
  const ws = new Workspace({}, ['loops.bicep']);
  const { graph } = ws.analyse();
  const node = graph.endpoints[0];
  assert.ok(node.origin.kind === 'file' && node.origin.inLoop);
  const text = ws.texts.get(node.origin.span.file) as string;
  const intent = { kind: 'insertZoneGroup', title: 'add', nodeId: node.id, zoneName: 'privatelink.redis.cache.windows.net' } as const;
  assert.deepEqual(bicepEditsForFix(intent, node, text), []);
  // The group id in the loop body is still fixable in place.
  fixAndCheck(ws, 'group-id-mismatch');
});

test('insertions keep the file’s line endings and indentation (CRLF, tabs)', () => {
  const tabbed = CACHE_AND_ENDPOINT(SKU).replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2)).replace(/\n/g, '\r\n');
  const ws = new Workspace({ '/ws/crlf.bicep': tabbed });
  const text = fixAndCheck(ws, 'public-network-access-enabled');
  assert.ok(text.includes("\t\t\tcapacity: 1\r\n\t\t}\r\n\t\tpublicNetworkAccess: 'Disabled'\r\n\t}\r\n}"), JSON.stringify(text.slice(0, 260)));
  assert.ok(!/[^\r]\n/.test(text), 'no bare LF was introduced');
});

test('setProperty on a zone id replaces the value in the zone group declared next to the endpoint', () => {
  const design = CACHE_AND_ENDPOINT(`${SKU}\n    publicNetworkAccess: 'Disabled'`) + `
resource group 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'redis'
        properties: {
          privateDnsZoneId: '/subscriptions/s/resourceGroups/dns/providers/Microsoft.Network/privateDnsZones/privatelink.redisenterprise.cache.azure.net'
        }
      }
    ]
  }
}
`;
  const ws = new Workspace({ '/ws/zone.bicep': design });
  const text = fixAndCheck(ws, 'dns-zone-mismatch');
  assert.match(text, /privateDnsZoneId: '\/subscriptions\/s\/resourceGroups\/dns\/providers\/Microsoft\.Network\/privateDnsZones\/privatelink\.redis\.cache\.windows\.net'/);
});

test('a single-line object takes the inserted property after a comma', () => {
  const design = CACHE_AND_ENDPOINT('').replace("  properties: {\n\n  }", "  properties: { sku: { name: 'Standard', family: 'C', capacity: 1 }, enableNonSslPort: false }");
  const ws = new Workspace({ '/ws/one-line.bicep': design });
  const text = fixAndCheck(ws, 'public-network-access-enabled');
  assert.ok(text.includes("properties: { sku: { name: 'Standard', family: 'C', capacity: 1 }, enableNonSslPort: false, publicNetworkAccess: 'Disabled' }"), text);
});
