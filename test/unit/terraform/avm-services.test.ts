// Azure Verified Modules for Terraform of every mapped Private Link service (src/sources/terraform/avm-services.ts):
// per family, a multi-file design (the module call, the network and zones beside it) that is correct stays silent,
// a wrong zone is found at the module's argument, a wrong subresource (modules whose endpoints name it) too, and
// the module's own default for public access decides when the argument is left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace, spanText } from '../design-lint/support';
import { HUB_NETWORK, ROOT, file, summary } from './support';


const NETWORK = (zones: readonly string[]) => `${HUB_NETWORK}${zones
  .map(
    (zone, i) => `resource "azurerm_private_dns_zone" "z${i}" {
  name                = "${zone}"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "z${i}" {
  name                  = "link-${i}"
  resource_group_name   = "rg"
  private_dns_zone_name = azurerm_private_dns_zone.z${i}.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}
`,
  )
  .join('')}`;

interface Family {
  readonly module: string;
  readonly zone: string;
  /** Arguments the module requires besides name/location/resource group. */
  readonly extra?: string;
  /** For modules whose endpoints name their subresource: the right one and a wrong one. */
  readonly subresource?: { readonly right: string; readonly wrong: string };
  /** The module's default for public_network_access_enabled (variables.tf). */
  readonly publicByDefault: boolean;
  /** `parent_id` instead of `resource_group_name`. */
  readonly parentId?: boolean;
}

const FAMILIES: readonly Family[] = [
  // Public access is on by default, but the module's network_acls default ({}: default_action "Deny") restricts it.
  { module: 'avm-res-keyvault-vault', zone: 'privatelink.vaultcore.azure.net', extra: 'tenant_id = "00000000-0000-0000-0000-000000000000"', publicByDefault: false },
  { module: 'avm-res-storage-storageaccount', zone: 'privatelink.blob.core.windows.net', subresource: { right: 'blob', wrong: 'file' }, publicByDefault: false, parentId: true },
  { module: 'avm-res-sql-server', zone: 'privatelink.database.windows.net', extra: 'server_version = "12.0"', publicByDefault: false },
  { module: 'avm-res-documentdb-databaseaccount', zone: 'privatelink.documents.azure.com', subresource: { right: 'Sql', wrong: 'MongoDB' }, publicByDefault: false },
  { module: 'avm-res-containerregistry-registry', zone: 'privatelink.azurecr.io', publicByDefault: true },
  { module: 'avm-res-servicebus-namespace', zone: 'privatelink.servicebus.windows.net', publicByDefault: true },
  { module: 'avm-res-eventhub-namespace', zone: 'privatelink.servicebus.windows.net', publicByDefault: false },
  { module: 'avm-res-web-site', zone: 'privatelink.azurewebsites.net', extra: 'kind = "webapp"\n  os_type = "Linux"', publicByDefault: false, parentId: true },
  { module: 'avm-res-cognitiveservices-account', zone: 'privatelink.cognitiveservices.azure.com', extra: 'kind = "OpenAI"\n  sku_name = "S0"', publicByDefault: true, parentId: true },
  { module: 'avm-res-dbforpostgresql-flexibleserver', zone: 'privatelink.postgres.database.azure.com', publicByDefault: false },
];

function call(family: Family, options: { zone?: number; subresource?: string; publicAccess?: boolean | null }): string {
  const group = family.parentId ? 'parent_id           = "/subscriptions/0000/resourceGroups/rg"' : 'resource_group_name = "rg"';
  const access = options.publicAccess === null || options.publicAccess === undefined ? '' : `  public_network_access_enabled = ${options.publicAccess}\n`;
  const subresource = options.subresource ? `      subresource_name              = "${options.subresource}"\n` : '';
  return `module "svc" {
  source              = "Azure/${family.module}/azurerm"
  version             = "0.9.0"
  name                = "svc-one"
  location            = "westeurope"
  ${group}
  ${family.extra ?? ''}
${access}  private_endpoints = {
    primary = {
      subnet_resource_id            = azurerm_subnet.pe.id
${subresource}      private_dns_zone_resource_ids = [azurerm_private_dns_zone.z${options.zone ?? 0}.id]
    }
  }
}
`;
}

for (const family of FAMILIES) {
  test(`${family.module}: correct is silent; a wrong zone${family.subresource ? ', a wrong subresource' : ''} and the public default are found`, () => {
    const network = file('network.tf', NETWORK([family.zone, 'privatelink.wrong.example.com']));
    const right = family.subresource?.right;
    const correct = new Workspace([network, file('main.tf', call(family, { subresource: right, publicAccess: false }))]);
    assert.deepEqual(summary(correct), [], 'the correct design');
    const { graph } = correct.analyse();
    const endpoint = graph.endpoints.find((e) => e.origin.kind === 'file' && e.origin.span.file.endsWith('main.tf'));
    assert.ok(endpoint, 'the module deploys an endpoint');
    assert.equal(graph.resolve(endpoint.connections[0].targetId as string)?.origin.kind, 'file', 'its connection targets the module resource');

    // The zone group names a zone of another service: underlined at the module's argument.
    const wrongZone = new Workspace([network, file('main.tf', call(family, { subresource: right, publicAccess: false, zone: 1 }))]);
    const zoneFinding = wrongZone.findings('dns-zone-mismatch');
    assert.equal(zoneFinding.length, 1, summary(wrongZone).join(', '));
    assert.equal(spanText(wrongZone.text(`${ROOT}/main.tf`), zoneFinding[0]), 'azurerm_private_dns_zone.z1.id');
    assert.match(zoneFinding[0].message, new RegExp(family.zone.replace(/\./g, '\\.')));

    if (family.subresource) {
      const wrongSub = new Workspace([network, file('main.tf', call(family, { subresource: family.subresource.wrong, publicAccess: false }))]);
      const found = summary(wrongSub);
      // A wrong subresource: the zone no longer fits it either (its zone is another).
      assert.ok(found.includes('dns-zone-mismatch@main.tf:13'), found.join(', '));
      const mismatch = wrongSub.findings('dns-zone-mismatch')[0];
      assert.match(mismatch.message, new RegExp(family.subresource.wrong));
      // A subresource the service does not have: group-id-mismatch, underlined at the endpoint's argument.
      const unknownSub = new Workspace([network, file('main.tf', call(family, { subresource: `${right}x`, publicAccess: false }))]);
      const groupFinding = unknownSub.findings('group-id-mismatch');
      assert.equal(groupFinding.length, 1, summary(unknownSub).join(', '));
      assert.equal(spanText(unknownSub.text(`${ROOT}/main.tf`), groupFinding[0]), `"${right}x"`);
    }

    // public_network_access_enabled left out: the module's default decides.
    const byDefault = summary(new Workspace([network, file('main.tf', call(family, { subresource: right, publicAccess: null }))]));
    assert.deepEqual(byDefault, family.publicByDefault ? ['public-network-access-enabled@main.tf:1'] : []);
  });
}

test('avm-res-keyvault-vault: network_acls = null drops the module\'s deny-by-default ACL, so the default public access is open', () => {
  const family = FAMILIES[0];
  const text = call(family, { publicAccess: null }).replace('  private_endpoints = {', '  network_acls = null\n  private_endpoints = {');
  assert.deepEqual(summary(new Workspace([file('network.tf', NETWORK([family.zone])), file('main.tf', text)])), ['public-network-access-enabled@main.tf:1']);
  const allow = call(family, { publicAccess: null }).replace('  private_endpoints = {', '  network_acls = { default_action = "Allow" }\n  private_endpoints = {');
  assert.deepEqual(summary(new Workspace([file('network.tf', NETWORK([family.zone])), file('main.tf', allow)])), ['public-network-access-enabled@main.tf:1']);
});

test('private_endpoints_manage_dns_zone_group = false: zone groups are left to Azure Policy, no "zone group missing"', () => {
  const family = FAMILIES[0];
  const text = call(family, { publicAccess: false }).replace('  private_endpoints = {', '  private_endpoints_manage_dns_zone_group = false\n  private_endpoints = {').replace(/ {6}private_dns_zone_resource_ids.*\n/, '');
  assert.deepEqual(summary(new Workspace([file('network.tf', NETWORK([family.zone])), file('main.tf', text)])), []);
  const managed = call(family, { publicAccess: false }).replace(/ {6}private_dns_zone_resource_ids.*\n/, '');
  assert.deepEqual(summary(new Workspace([file('network.tf', NETWORK([family.zone])), file('main.tf', managed)])), ['dns-zone-group-missing@main.tf:1']);
});

test('avm-res-network-virtualnetwork: its subnets and id feed endpoints and links; a VNet the zone is not linked to is found', () => {
  const vnet = `
module "vnet" {
  source    = "Azure/avm-res-network-virtualnetwork/azurerm"
  version   = "0.10.0"
  name      = "vnet-spoke"
  location  = "westeurope"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  address_space = ["10.1.0.0/16"]
  subnets = {
    pe = {
      name           = "snet-pe"
      address_prefix = "10.1.1.0/24"
    }
  }
}
module "vault" {
  source              = "Azure/avm-res-keyvault-vault/azurerm"
  version             = "0.10.0"
  name                = "kv-one"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  public_network_access_enabled = false
  private_endpoints = {
    primary = {
      subnet_resource_id            = module.vnet.subnets["pe"].resource_id
      private_dns_zone_resource_ids = [azurerm_private_dns_zone.z0.id]
    }
  }
}
`;
  const ws = new Workspace([file('network.tf', NETWORK(['privatelink.vaultcore.azure.net'])), file('main.tf', vnet)]);
  const found = ws.findings('dns-zone-link-missing');
  assert.equal(found.length, 1, summary(ws).join(', '));
  assert.match(found[0].message, /not linked to vnet-spoke/);
  const { graph } = ws.analyse();
  const endpoint = graph.endpoints[0];
  assert.match(String(endpoint.subnetId), /virtualNetworks\/vnet-spoke\/subnets\/snet-pe$/);
  // Linked: silent.
  const linked = `${vnet}resource "azurerm_private_dns_zone_virtual_network_link" "spoke" {
  name                  = "link-spoke"
  resource_group_name   = "rg"
  private_dns_zone_name = azurerm_private_dns_zone.z0.name
  virtual_network_id    = module.vnet.resource_id
}
`;
  assert.deepEqual(summary(new Workspace([file('network.tf', NETWORK(['privatelink.vaultcore.azure.net'])), file('main.tf', linked)])), []);
});

test('quick fixes on AVM calls write the module\'s arguments: a public default becomes an argument of the call', () => {
  const registry = FAMILIES.find((f) => f.module === 'avm-res-containerregistry-registry')!;
  const ws = new Workspace([file('network.tf', NETWORK([registry.zone])), file('main.tf', call(registry, { publicAccess: null }))]);
  const [finding] = ws.findings('public-network-access-enabled');
  assert.ok(finding && finding.fixes.length > 0, summary(ws).join(', '));
  assert.equal(ws.apply(finding.fixes[0]), 1);
  assert.match(ws.text(`${ROOT}/main.tf`), /^module "svc" \{\n {2}public_network_access_enabled = false\n {2}source/);
  assert.deepEqual(summary(ws), []);

  // Storage has several subresources: no single right one to write, so no fix (rather than a guess).
  const storage = FAMILIES.find((f) => f.module === 'avm-res-storage-storageaccount')!;
  const wrong = new Workspace([file('network.tf', NETWORK([storage.zone])), file('main.tf', call(storage, { subresource: 'blobx', publicAccess: false }))]);
  const [mismatch] = wrong.findings('group-id-mismatch');
  assert.ok(mismatch, summary(wrong).join(', '));
  assert.deepEqual(mismatch.fixes, []);
});
