// Hostnames the resource name alone does not give (SQL MI's DNS zone id, Event Grid's regional label, Data Factory
// and Batch regions, Backup's assigned names): from a live-shaped ARM row through the one ARM-shape mapping and the
// graph to the probe's target. The stated endpoint wins; a documented pattern with the location is the fallback;
// otherwise the probe asks for the hostname and says why. One probe runs against a real local DNS server.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { probe } from '../../../src/probe/probe';
import { resolveTarget } from '../../../src/probe/target';
import { cacheFactsFromGraph } from '../../../src/probe/facts-from-graph';
import { optionsForGivenHost } from '../../../src/probe/service-target';
import { hostnameIn } from '../../../src/probe/service-host';
import { PrivateLinkGraph } from '../../../src/graph/graph';
import { estateToGraph } from '../../../src/sources/snapshot/estate';
import type { ArmResource } from '../../../src/sources/snapshot/arm-resource';
import type { CloudName } from '../../../src/graph/types';
import { closedPort, startDns, type LocalDns } from './loopback-servers';

const RG = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-claims/providers';

/** An ARM row as Resource Graph / ARM GET returns it (the live source's input). */
function row(type: string, name: string, location: string, properties: Record<string, unknown>): ArmResource {
  return { id: `${RG}/${type}/${name}`, name, type, location, properties } as ArmResource;
}

/** The probe target of one live row: ARM shape → graph node → facts → host and port. */
function targetOf(resource: ArmResource, cloud?: CloudName) {
  const graph = PrivateLinkGraph.from(estateToGraph([resource], { cloud }));
  const facts = cacheFactsFromGraph(graph, resource.id);
  assert.ok(facts.ok, facts.ok ? '' : facts.message);
  return resolveTarget(facts.facts);
}

function hostAndPorts(resource: ArmResource, cloud?: CloudName): [string, number[], string | undefined] {
  const result = targetOf(resource, cloud);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return [result.info.host, [...result.info.ports], result.info.privateZone];
}

function refusal(resource: ArmResource): string {
  const result = targetOf(resource);
  assert.ok(!result.ok, result.ok ? `unexpected host ${result.info.host}` : '');
  return result.message;
}

test('SQL managed instance: the stated fullyQualifiedDomainName, port 1433; without it the probe asks, saying why', () => {
  const fqdn = 'mi-claims.3f2a1b4c5d6e.database.windows.net';
  const mi = row('Microsoft.Sql/managedInstances', 'mi-claims', 'westeurope', { fullyQualifiedDomainName: fqdn, publicDataEndpointEnabled: false });
  assert.deepEqual(hostAndPorts(mi).slice(0, 2), [fqdn, [1433]]);
  const message = refusal(row('Microsoft.Sql/managedInstances', 'mi-claims', 'westeurope', { publicDataEndpointEnabled: false }));
  assert.match(message, /DNS zone id Azure assigns/);
  assert.match(message, /give the hostname/);
});

test('Event Grid topic and domain: the stated endpoint URL, else <name>.<region>-1.eventgrid.azure.net; port 443', () => {
  const topic = row('Microsoft.EventGrid/topics', 'egt-claims', 'westeurope', { endpoint: 'https://egt-claims.westeurope-1.eventgrid.azure.net/api/events' });
  assert.deepEqual(hostAndPorts(topic), ['egt-claims.westeurope-1.eventgrid.azure.net', [443], 'privatelink.eventgrid.azure.net']);
  // The stated value wins over the pattern (a domain in another region than its row says, as written by Azure).
  const domain = row('Microsoft.EventGrid/domains', 'egd-claims', 'westeurope', { endpoint: 'https://egd-claims.northeurope-1.eventgrid.azure.net/api/events' });
  assert.deepEqual(hostAndPorts(domain).slice(0, 2), ['egd-claims.northeurope-1.eventgrid.azure.net', [443]]);
  // A design's topic states no endpoint: the documented pattern with its location.
  const designed = row('Microsoft.EventGrid/topics', 'egt-claims', 'West Europe', { publicNetworkAccess: 'Disabled' });
  assert.deepEqual(hostAndPorts(designed).slice(0, 2), ['egt-claims.westeurope-1.eventgrid.azure.net', [443]]);
  // No endpoint and no location (a resource id alone): the probe asks, saying why.
  const byId = resolveTarget(`${RG}/Microsoft.EventGrid/domains/egd-claims`);
  assert.ok(!byId.ok, byId.ok ? byId.info.host : '');
  assert.match(byId.message, /states no endpoint here and its region is not known; give the hostname/);
  // Government: Microsoft shows no Event Grid name there, so none is guessed.
  const gov = resolveTarget(`${RG}/Microsoft.EventGrid/topics/egt-claims`, { cloud: 'AzureUSGovernment' });
  assert.ok(!gov.ok && /documents no hostname pattern for it in AzureUSGovernment; give the hostname/.test(gov.message), gov.ok ? gov.info.host : gov.message);
});

test('Batch account: the stated accountEndpoint, else <account>.<region>.batch.azure.com; port 443, regional zone filled', () => {
  const stated = row('Microsoft.Batch/batchAccounts', 'baclaims', 'West Europe', { accountEndpoint: 'baclaims.westeurope.batch.azure.com' });
  assert.deepEqual(hostAndPorts(stated), ['baclaims.westeurope.batch.azure.com', [443], 'westeurope.privatelink.batch.azure.com']);
  // The stated value wins over the pattern (here they would differ).
  const other = row('Microsoft.Batch/batchAccounts', 'baclaims', 'westeurope', { accountEndpoint: 'baclaims.example-stated.batch.azure.com' });
  assert.equal(hostAndPorts(other)[0], 'baclaims.example-stated.batch.azure.com');
  const derived = row('Microsoft.Batch/batchAccounts', 'baclaims', 'West Europe', { publicNetworkAccess: 'Disabled' });
  assert.deepEqual(hostAndPorts(derived), ['baclaims.westeurope.batch.azure.com', [443], 'westeurope.privatelink.batch.azure.com']);
  const byId = resolveTarget(`${RG}/Microsoft.Batch/batchAccounts/baclaims`);
  assert.ok(!byId.ok && /states no accountEndpoint here and its region is not known; give the hostname/.test(byId.message), byId.ok ? byId.info.host : byId.message);
});

test('Data Factory: <factory>.<region>.datafactory.azure.net from the location (the factory states none), port 443', () => {
  const adf = row('Microsoft.DataFactory/factories', 'adf-claims', 'westeurope', { publicNetworkAccess: 'Disabled' });
  assert.deepEqual(hostAndPorts(adf), ['adf-claims.westeurope.datafactory.azure.net', [443], 'privatelink.datafactory.azure.net']);
  // A resource id alone has no location: the probe asks, saying so.
  const byId = resolveTarget(`${RG}/Microsoft.DataFactory/factories/adf-claims`);
  assert.ok(!byId.ok && /its region is not known; give the hostname/.test(byId.message), byId.ok ? byId.info.host : byId.message);
  // China has its own documented suffix.
  const china = row('Microsoft.DataFactory/factories', 'adf-claims', 'chinanorth3', {});
  assert.deepEqual(hostAndPorts(china, 'AzureChinaCloud'), ['adf-claims.chinanorth3.datafactory.azure.cn', [443], 'privatelink.datafactory.azure.cn']);
});

test('Recovery Services vault: nothing makes the host derivable; the probe asks and says why', () => {
  const vault = row('Microsoft.RecoveryServices/vaults', 'rsv-claims', 'westeurope', { publicNetworkAccess: 'Disabled' });
  const message = refusal(vault);
  assert.match(message, /private names are assigned by Azure/);
  assert.match(message, /give the hostname/);
});

test('a hostname the user gives for such a target is probed on the catalog port with the facts\' endpoint IPs', () => {
  const mi = row('Microsoft.Sql/managedInstances', 'mi-claims', 'westeurope', {});
  const graph = PrivateLinkGraph.from(estateToGraph([mi]));
  const facts = cacheFactsFromGraph(graph, mi.id);
  assert.ok(facts.ok && 'kind' in facts.facts);
  const options = optionsForGivenHost(facts.facts);
  assert.deepEqual(options, { port: 1433, expectedIps: [] });
  const given = resolveTarget('mi-claims.3f2a1b4c5d6e.database.windows.net', options);
  assert.ok(given.ok, given.ok ? '' : given.message);
  assert.deepEqual(given.info.ports, [1433]);
  const vault = row('Microsoft.RecoveryServices/vaults', 'rsv-claims', 'westeurope', {});
  const vaultFacts = cacheFactsFromGraph(PrivateLinkGraph.from(estateToGraph([vault])), vault.id);
  assert.ok(vaultFacts.ok && 'kind' in vaultFacts.facts);
  assert.equal(optionsForGivenHost(vaultFacts.facts).port, 443);
});

test('hostnameIn takes a bare name or a URL and refuses what is not a public name', () => {
  assert.equal(hostnameIn('https://T1.WestEurope-1.eventgrid.azure.net/api/events'), 't1.westeurope-1.eventgrid.azure.net');
  assert.equal(hostnameIn('a1.westeurope.batch.azure.com'), 'a1.westeurope.batch.azure.com');
  assert.equal(hostnameIn('10.1.2.3'), undefined);
  assert.equal(hostnameIn('single'), undefined);
  assert.equal(hostnameIn('not a host'), undefined);
});

let dns: LocalDns;
before(async () => {
  dns = await startDns({
    'baclaims.westeurope.batch.azure.com': { cname: 'baclaims.westeurope.privatelink.batch.azure.com' },
    'baclaims.westeurope.privatelink.batch.azure.com': { a: ['10.40.1.5'] },
  });
});
after(async () => {
  await dns?.close();
});

test('a Batch account from its live row probes the derived name through the regional privatelink zone', async () => {
  const resource = row('Microsoft.Batch/batchAccounts', 'baclaims', 'westeurope', {});
  const graph = PrivateLinkGraph.from(estateToGraph([resource]));
  const facts = cacheFactsFromGraph(graph, resource.id);
  assert.ok(facts.ok);
  // A closed loopback port: DNS is the part under test; the connect fails fast without leaving the machine.
  const report = await probe(facts.facts, { dnsServers: [dns.server], connectAddress: '127.0.0.1', port: await closedPort(), timeoutMs: 1500 });
  assert.equal(report.target.host, 'baclaims.westeurope.batch.azure.com');
  assert.equal(report.dns.expectedZone, 'westeurope.privatelink.batch.azure.com');
  assert.equal(report.dns.viaExpectedZone, true);
  assert.deepEqual(report.dns.addresses.map((a) => a.address), ['10.40.1.5']);
});
