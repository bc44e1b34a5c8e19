// dns-record-mismatch and Azure Monitor Private Link Scopes: one endpoint registers in five zones, and no record is
// named after the scope (`api`, `global.in.ai`, `<workspace-id>`, `scadvisorcontent`…; catalog `zoneRecords`).
// Only the names the endpoint lists in customDnsConfigs are judged, each against its own addresses: without
// them the rule stays silent (which workspaces and regions the scope serves is never guessed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { runRules } from '../../../src/rules/engine';
import { estateToGraph, parseEstate } from '../../../src/sources/snapshot/estate';

const SUB = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg/providers';
const SCOPE_ID = `${SUB}/microsoft.insights/privateLinkScopes/ampls-hub`;
const WORKSPACE = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
const MONITOR = 'privatelink.monitor.azure.com';
const OMS = 'privatelink.oms.opinsights.azure.com';
const ODS = 'privatelink.ods.opinsights.azure.com';
const AGENTSVC = 'privatelink.agentsvc.azure-automation.net';
const BLOB = 'privatelink.blob.core.windows.net';

/** What an AMPLS endpoint lists (fqdn → address), as Azure writes its customDnsConfigs. */
const LISTED: Readonly<Record<string, string>> = {
  'api.monitor.azure.com': '10.1.0.4',
  'global.in.ai.monitor.azure.com': '10.1.0.5',
  'profiler.monitor.azure.com': '10.1.0.6',
  'live.monitor.azure.com': '10.1.0.7',
  'snapshot.monitor.azure.com': '10.1.0.8',
  'westeurope-5.in.ai.monitor.azure.com': '10.1.0.9',
  [`${WORKSPACE}.oms.opinsights.azure.com`]: '10.1.0.10',
  [`${WORKSPACE}.ods.opinsights.azure.com`]: '10.1.0.11',
  [`${WORKSPACE}.agentsvc.azure-automation.net`]: '10.1.0.12',
  'scadvisorcontent.blob.core.windows.net': '10.1.0.13',
};

/** The records the zone group writes for LISTED, per zone (relative name → address). */
const RECORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [MONITOR]: { api: '10.1.0.4', 'global.in.ai': '10.1.0.5', profiler: '10.1.0.6', live: '10.1.0.7', snapshot: '10.1.0.8', 'westeurope-5.in.ai': '10.1.0.9' },
  [OMS]: { [WORKSPACE]: '10.1.0.10' },
  [ODS]: { [WORKSPACE]: '10.1.0.11' },
  [AGENTSVC]: { [WORKSPACE]: '10.1.0.12' },
  // The blob zone is shared with storage accounts: their records sit beside the scope's.
  [BLOB]: { scadvisorcontent: '10.1.0.13', stlogs: '10.0.1.4' },
};

/** The scope, one endpoint with a zone group naming all five zones, and the zones with `records`. */
function estate(records: Readonly<Record<string, Readonly<Record<string, string>>>>, listed: Readonly<Record<string, string>> | undefined): object[] {
  const endpointId = `${SUB}/Microsoft.Network/privateEndpoints/pe-ampls`;
  const zoneId = (zone: string) => `${SUB}/Microsoft.Network/privateDnsZones/${zone}`;
  const zones = [MONITOR, OMS, ODS, AGENTSVC, BLOB];
  return [
    { id: SCOPE_ID, type: 'microsoft.insights/privateLinkScopes', name: 'ampls-hub', location: 'global', properties: { accessModeSettings: { ingestionAccessMode: 'PrivateOnly', queryAccessMode: 'PrivateOnly' } } },
    {
      id: endpointId,
      type: 'Microsoft.Network/privateEndpoints',
      name: 'pe-ampls',
      properties: {
        privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: SCOPE_ID, groupIds: ['azuremonitor'], privateLinkServiceConnectionState: { status: 'Approved' } } }],
        ...(listed ? { customDnsConfigs: Object.entries(listed).map(([fqdn, ip]) => ({ fqdn, ipAddresses: [ip] })) } : {}),
      },
    },
    {
      id: `${endpointId}/privateDnsZoneGroups/default`,
      type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups',
      name: 'default',
      properties: { privateDnsZoneConfigs: zones.map((zone) => ({ name: zone.replace(/\./g, '-'), properties: { privateDnsZoneId: zoneId(zone) } })) },
    },
    ...zones.flatMap((zone) => [
      { id: zoneId(zone), type: 'Microsoft.Network/privateDnsZones', name: zone, properties: {} },
      ...Object.entries(records[zone] ?? {}).map(([name, ip]) => ({ id: `${zoneId(zone)}/A/${name}`, type: 'Microsoft.Network/privateDnsZones/A', name, properties: { aRecords: [{ ipv4Address: ip }] } })),
    ]),
  ];
}

function recordFindings(resources: object[]): string[] {
  const graph = PrivateLinkGraph.from(estateToGraph(parseEstate(JSON.stringify(resources), 'estate.json').resources));
  return runRules(graph, { settings: { cloud: 'AzureCloud', requiredTags: [], mode: 'live' } })
    .filter((f) => f.ruleId === 'dns-record-mismatch')
    .map((f) => f.message);
}

/** RECORDS with one zone's records replaced. */
function withZone(zone: string, records: Readonly<Record<string, string>>): Record<string, Readonly<Record<string, string>>> {
  return { ...RECORDS, [zone]: records };
}

test('AMPLS: every listed name has its record at its address in its zone (five zones, one shared with storage): silent', () => {
  assert.deepEqual(recordFindings(estate(RECORDS, LISTED)), []);
});

test("AMPLS: another workspace's record in the oms zone (not listed by this endpoint) is not judged", () => {
  const other = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';
  assert.deepEqual(recordFindings(estate(withZone(OMS, { [WORKSPACE]: '10.1.0.10', [other]: '10.9.9.9' }), LISTED)), []);
});

test('AMPLS: a record at the wrong address is found, naming the zone and the record', () => {
  const findings = recordFindings(estate(withZone(MONITOR, { ...RECORDS[MONITOR], api: '10.2.0.4' }), LISTED));
  assert.deepEqual(findings, [
    `A record api in ${MONITOR} points to 10.2.0.4, but private endpoint pe-ampls of ampls-hub has 10.1.0.4: clients connect to the wrong address.`,
  ]);
});

test('AMPLS: a workspace record at another listed address of the endpoint is still found (each name has its own)', () => {
  const findings = recordFindings(estate(withZone(ODS, { [WORKSPACE]: '10.1.0.10' }), LISTED));
  assert.deepEqual(findings, [
    `A record ${WORKSPACE} in ${ODS} points to 10.1.0.10, but private endpoint pe-ampls of ampls-hub has 10.1.0.11: clients connect to the wrong address.`,
  ]);
});

test('AMPLS: a missing record for a name the endpoint lists is found, naming the zone and the record', () => {
  const { 'global.in.ai': _, ...withoutGlobal } = RECORDS[MONITOR];
  assert.deepEqual(recordFindings(estate(withZone(MONITOR, withoutGlobal), LISTED)), [
    `Zone ${MONITOR} has no A record for ampls-hub (expected 'global.in.ai'): clients resolve its public address instead of private endpoint pe-ampls.`,
  ]);
  assert.deepEqual(recordFindings(estate(withZone(BLOB, { stlogs: '10.0.1.4' }), LISTED)), [
    `Zone ${BLOB} has no A record for ampls-hub (expected 'scadvisorcontent'): clients resolve its public address instead of private endpoint pe-ampls.`,
  ]);
});

test('AMPLS: without customDnsConfigs the records are not judged, however they look', () => {
  assert.deepEqual(recordFindings(estate(withZone(MONITOR, { api: '10.2.0.4' }), undefined)), []);
  assert.deepEqual(recordFindings(estate({}, undefined)), []);
});

test('AMPLS: a listed name the catalog has no template for is not judged', () => {
  const listed = { ...LISTED, 'mydce-abcd.westeurope-1.ingest.monitor.azure.com': '10.1.0.20' };
  assert.deepEqual(recordFindings(estate(RECORDS, listed)), []);
});
