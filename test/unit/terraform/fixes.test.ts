// Terraform quick fixes that go beyond replacing a literal: a zone referred to by a reference is fixed where the
// zone is declared (in another file, with the links that name it), or, when other endpoints use that zone
// correctly, the reference is pointed at a zone of the right name (declared if there is none); what is missing is
// added as Terraform blocks (a private_dns_zone_group, a VNet link). Every fix leaves a design that parses and is
// silent about what it fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../design-lint/support';
import { HUB_NETWORK, ROOT, file, summary } from './support';


const NETWORK = HUB_NETWORK;

const zone = (label: string, name: string) => `
resource "azurerm_private_dns_zone" "${label}" {
  name                = "${name}"
  resource_group_name = "rg"
}
`;

const link = (label: string, zoneName: string) => `
resource "azurerm_private_dns_zone_virtual_network_link" "${label}" {
  name                  = "link-${label}"
  resource_group_name   = "rg"
  private_dns_zone_name = ${zoneName}
  virtual_network_id    = azurerm_virtual_network.hub.id
}
`;

const CACHE = `
resource "azurerm_redis_cache" "cache" {
  name                          = "cache-orders"
  location                      = "westeurope"
  resource_group_name           = "rg"
  capacity                      = 1
  family                        = "P"
  sku_name                      = "Premium"
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
}
`;

const VAULT = `
resource "azurerm_key_vault" "kv" {
  name                          = "kv-orders"
  location                      = "westeurope"
  resource_group_name           = "rg"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = false
}
`;

const endpoint = (label: string, target: string, group: string, zoneRef: string | undefined) => `
resource "azurerm_private_endpoint" "${label}" {
  name                = "pe-${label}"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "${label}"
    private_connection_resource_id = ${target}
    subresource_names              = ["${group}"]
    is_manual_connection           = false
  }
${zoneRef ? `
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [${zoneRef}]
  }
` : ''}}
`;

/** Applies the first fix of the only finding of `ruleId`; returns the fix's title. */
function fixOnly(ws: Workspace, ruleId: string): string {
  const findings = ws.findings(ruleId);
  assert.equal(findings.length, 1, `one ${ruleId}: ${summary(ws).join(', ')}`);
  assert.ok(findings[0].fixes.length > 0, `${ruleId} offers a fix`);
  const fix = findings[0].fixes[0];
  assert.ok(ws.apply(fix) > 0, `${fix.title}: no edit`);
  assert.deepEqual(ws.findings('syntax-error'), [], 'the fixed files parse');
  return fix.title;
}

test('a zone referred to by reference: the zone resource is renamed in its own file, and a link naming it by a literal follows', () => {
  const ws = new Workspace([
    file('network.tf', NETWORK + link('by_literal', '"privatelink.redisenterprise.cache.azure.net"')),
    file('dns.tf', zone('redis', 'privatelink.redisenterprise.cache.azure.net')),
    file('cache.tf', CACHE + endpoint('orders', 'azurerm_redis_cache.cache.id', 'redisCache', 'azurerm_private_dns_zone.redis.id')),
  ]);
  assert.deepEqual(summary(ws), ['dns-zone-mismatch@cache.tf:28']);
  assert.equal(fixOnly(ws, 'dns-zone-mismatch'), 'Rename zone privatelink.redisenterprise.cache.azure.net to privatelink.redis.cache.windows.net');
  assert.match(ws.text(`${ROOT}/dns.tf`), /name {16}= "privatelink\.redis\.cache\.windows\.net"/);
  assert.match(ws.text(`${ROOT}/network.tf`), /private_dns_zone_name = "privatelink\.redis\.cache\.windows\.net"/);
  assert.match(ws.text(`${ROOT}/cache.tf`), /private_dns_zone_ids = \[azurerm_private_dns_zone\.redis\.id\]/, 'the reference is left as it is');
  assert.deepEqual(summary(ws), []);
});

test('a zone other endpoints use correctly is not renamed: the reference is pointed at the right zone, declared beside it if missing', () => {
  const files = () => [
    file('network.tf', NETWORK + link('redis', 'azurerm_private_dns_zone.redis.name')),
    file('dns.tf', zone('redis', 'privatelink.redis.cache.windows.net')),
    file('cache.tf', CACHE + endpoint('orders', 'azurerm_redis_cache.cache.id', 'redisCache', 'azurerm_private_dns_zone.redis.id')),
    // The vault's endpoint names the Redis zone by mistake.
    file('vault.tf', VAULT + endpoint('vault', 'azurerm_key_vault.kv.id', 'vault', 'azurerm_private_dns_zone.redis.id')),
  ];
  const ws = new Workspace(files());
  assert.deepEqual(summary(ws), ['dns-zone-mismatch@vault.tf:26']);
  assert.equal(fixOnly(ws, 'dns-zone-mismatch'), 'Declare zone privatelink.vaultcore.azure.net and use it (privatelink.redis.cache.windows.net stays for the endpoints it fits)');
  assert.match(ws.text(`${ROOT}/vault.tf`), /private_dns_zone_ids = \[azurerm_private_dns_zone\.vaultcore\.id\]/);
  assert.match(ws.text(`${ROOT}/dns.tf`), /resource "azurerm_private_dns_zone" "vaultcore" \{\n {2}name {16}= "privatelink\.vaultcore\.azure\.net"\n {2}resource_group_name = "rg"\n\}/);
  assert.match(ws.text(`${ROOT}/dns.tf`), /"privatelink\.redis\.cache\.windows\.net"/, 'the Redis zone keeps its name');
  // The new zone is not linked yet: that finding's fix adds the link, after which the design is clean.
  assert.deepEqual(summary(ws), ['dns-zone-link-missing@dns.tf:7']);
  assert.equal(fixOnly(ws, 'dns-zone-link-missing'), 'Link privatelink.vaultcore.azure.net to vnet-hub');
  assert.match(ws.text(`${ROOT}/dns.tf`), /resource "azurerm_private_dns_zone_virtual_network_link" "vaultcore_vnet_hub" \{\n {2}name {18}= "link-vnet-hub"\n {2}resource_group_name {3}= azurerm_private_dns_zone\.vaultcore\.resource_group_name\n {2}private_dns_zone_name = azurerm_private_dns_zone\.vaultcore\.name\n {2}virtual_network_id {4}= azurerm_virtual_network\.hub\.id\n {2}registration_enabled {2}= false\n\}/);
  assert.deepEqual(summary(ws), []);

  // When a zone of the right name is declared, the reference simply points at it.
  const withZone = new Workspace([...files().slice(0, 1), file('dns.tf', zone('redis', 'privatelink.redis.cache.windows.net') + zone('kv', 'privatelink.vaultcore.azure.net') + link('kv', 'azurerm_private_dns_zone.kv.name')), ...files().slice(2)]);
  assert.equal(fixOnly(withZone, 'dns-zone-mismatch'), 'Use zone privatelink.vaultcore.azure.net (privatelink.vaultcore.azure.net)');
  assert.match(withZone.text(`${ROOT}/vault.tf`), /private_dns_zone_ids = \[azurerm_private_dns_zone\.kv\.id\]/);
  assert.deepEqual(summary(withZone), []);
});

test('a missing private_dns_zone_group is added inside the endpoint, pointing at the zone resource of the module', () => {
  const ws = new Workspace([
    file('network.tf', NETWORK + link('redis', 'azurerm_private_dns_zone.redis.name')),
    file('dns.tf', zone('redis', 'privatelink.redis.cache.windows.net')),
    file('cache.tf', CACHE + endpoint('orders', 'azurerm_redis_cache.cache.id', 'redisCache', undefined)),
  ]);
  assert.deepEqual(summary(ws), ['dns-zone-group-missing@cache.tf:13']);
  assert.equal(fixOnly(ws, 'dns-zone-group-missing'), 'Add a DNS zone group for privatelink.redis.cache.windows.net');
  assert.match(ws.text(`${ROOT}/cache.tf`), /is_manual_connection {11}= false\n {2}\}\n\n {2}private_dns_zone_group \{\n {4}name {17}= "default"\n {4}private_dns_zone_ids = \[azurerm_private_dns_zone\.redis\.id\]\n {2}\}\n\}/);
  assert.deepEqual(summary(ws), []);
});

test('with no zone of that name in the module, the added zone group says what to put where (and still parses)', () => {
  const ws = new Workspace([file('network.tf', NETWORK), file('cache.tf', CACHE + endpoint('orders', 'azurerm_redis_cache.cache.id', 'redisCache', undefined))]);
  fixOnly(ws, 'dns-zone-group-missing');
  assert.match(ws.text(`${ROOT}/cache.tf`), /private_dns_zone_group \{\n {4}name = "default"\n {4}# plreview: put the id of the private DNS zone privatelink\.redis\.cache\.windows\.net here \(no azurerm_private_dns_zone of that name in this module\)\n {4}private_dns_zone_ids = \[\]\n {2}\}/);
  assert.deepEqual(ws.findings('dns-zone-group-missing'), []);
});

test('a zone from the AVM private DNS zone module is referred to through its resource_id output', () => {
  const avmZone = `
module "redis_zone" {
  source      = "Azure/avm-res-network-privatednszone/azurerm"
  version     = "0.4.0"
  domain_name = "privatelink.redis.cache.windows.net"
  parent_id   = "/subscriptions/0000/resourceGroups/rg"
  virtual_network_links = {
    hub = {
      name               = "link-hub"
      virtual_network_id = azurerm_virtual_network.hub.id
    }
  }
}
`;
  const ws = new Workspace([file('network.tf', NETWORK + avmZone), file('cache.tf', CACHE + endpoint('orders', 'azurerm_redis_cache.cache.id', 'redisCache', undefined))]);
  fixOnly(ws, 'dns-zone-group-missing');
  assert.match(ws.text(`${ROOT}/cache.tf`), /private_dns_zone_ids = \[module\.redis_zone\.resource_id\]/);
  assert.deepEqual(summary(ws), []);
});
