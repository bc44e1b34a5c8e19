// Terraform designs through the whole pipeline: multi-file modules, tfvars overrides, for_each and count,
// azapi, JSON syntax, syntax errors, suppressions and quick fixes, with the same rule ids as Bicep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DesignFile } from '../../../src/lint/design-file';
import { Workspace, spanText } from '../design-lint/support';
import { HUB_NETWORK, ROOT, file, summary } from './support';
import { terraformSource } from '../../../src/sources/terraform/source';


const ZONE_AND_NETWORK = `${HUB_NETWORK}resource "azurerm_private_dns_zone" "redis" {
  name                = "privatelink.redis.cache.windows.net"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "hub" {
  name                  = "link-hub"
  resource_group_name   = "rg"
  private_dns_zone_name = azurerm_private_dns_zone.redis.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}
`;

const CACHE = (extra = '') => `
resource "azurerm_redis_cache" "cache" {
  name                = "cache-orders"
  location            = "westeurope"
  resource_group_name = "rg"
  capacity            = 1
  family              = "P"
  sku_name            = "Premium"
  minimum_tls_version = "1.2"
${extra}}
`;

const ENDPOINT = (groupId = '"redisCache"', zoneGroup = true) => `
resource "azurerm_private_endpoint" "pe" {
  name                = "pe-orders"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = azurerm_subnet.pe.id

  private_service_connection {
    name                           = "orders"
    private_connection_resource_id = azurerm_redis_cache.cache.id
    subresource_names              = [${groupId}]
    is_manual_connection           = false
  }
${zoneGroup ? `
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.redis.id]
  }
` : ''}}
`;

test('a correct design in three files is silent', () => {
  const ws = new Workspace([
    file('net.tf', ZONE_AND_NETWORK),
    file('cache.tf', CACHE('  public_network_access_enabled = false\n')),
    file('pe.tf', ENDPOINT()),
  ]);
  assert.deepEqual(summary(ws), []);
  const { graph } = ws.analyse();
  assert.equal(graph.nodes.filter((n) => n.kind === 'cache').length, 1);
  const endpoint = graph.endpoints[0];
  // The reference across files resolved to the cache's ARM id.
  assert.equal(graph.resolve(endpoint.connections[0].targetId as string)?.kind, 'cache');
});

test('the example in examples/terraform: module, tfvars, for_each links without the hub, autoregistration', () => {
  const dir = join(__dirname, '../../../../examples/terraform');
  const files: DesignFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path, text: readFileSync(path, 'utf8') });
    }
  };
  walk(dir);
  const ws = new Workspace(files);
  const found = ws.findings().map((f) => `${f.ruleId}@${f.location.kind === 'file' ? `${relative(dir, f.location.span.file)}:${f.location.span.range.start.line + 1}` : ''}`).sort();
  assert.deepEqual(found, [
    'dns-zone-link-autoregistration@network.tf:35',
    'dns-zone-link-missing@network.tf:23',
    'group-id-mismatch@main.tf:27',
    'public-network-access-enabled@main.tf:9',
  ]);
  // The wrong group id is underlined where it is written: the module argument, not the module's variable use.
  const groupFinding = ws.findings('group-id-mismatch')[0];
  assert.equal(spanText(ws.text(files.find((f) => f.path.endsWith('main.tf'))!.path), groupFinding), '"redisEnterprise"');
});

test('public access left to the provider default (true) is found; set from tfvars it follows the override', () => {
  const base = [file('net.tf', ZONE_AND_NETWORK), file('pe.tf', ENDPOINT())];
  assert.deepEqual(summary(new Workspace([...base, file('cache.tf', CACHE())])), ['public-network-access-enabled@cache.tf:2']);
  const variable = 'variable "public" {\n  type    = bool\n  default = true\n}\n';
  const cache = CACHE('  public_network_access_enabled = var.public\n');
  assert.deepEqual(summary(new Workspace([...base, file('cache.tf', cache), file('variables.tf', variable)])), ['public-network-access-enabled@variables.tf:3']);
  const overridden = new Workspace([...base, file('cache.tf', cache), file('variables.tf', variable), file('terraform.tfvars', 'public = false\n')]);
  assert.deepEqual(summary(overridden), []);
  // *.auto.tfvars are read after terraform.tfvars, in name order: the last one wins.
  const auto = new Workspace([
    ...base,
    file('cache.tf', cache),
    file('variables.tf', variable),
    file('terraform.tfvars', 'public = false\n'),
    file('b.auto.tfvars', 'public = true\n'),
    file('a.auto.tfvars', 'public = false\n'),
  ]);
  assert.deepEqual(summary(auto), ['public-network-access-enabled@b.auto.tfvars:1']);
});

test('a variable without a value is unknown: no finding, never a guess', () => {
  const ws = new Workspace([
    file('net.tf', ZONE_AND_NETWORK),
    file('cache.tf', CACHE('  public_network_access_enabled = var.public\n')),
    file('variables.tf', 'variable "public" { type = bool }\n'),
    file('pe.tf', ENDPOINT('var.group')),
    file('more.tf', 'variable "group" {}\n'),
  ]);
  assert.deepEqual(summary(ws), []);
});

test('count turned off removes the resource; count from a variable is evaluated per instance', () => {
  const off = CACHE('  count = var.enabled ? 1 : 0\n').replace('cache-orders', 'cache-off');
  const ws = new Workspace([file('extra.tf', off), file('vars.tf', 'variable "enabled" { default = false }\n')]);
  assert.equal(ws.analyse().graph.nodes.filter((n) => n.kind === 'cache').length, 0);
  const two = CACHE('  count = 2\n').replace('"cache-orders"', '"cache-${count.index}"');
  const counted = new Workspace([file('extra.tf', two)]);
  assert.deepEqual(counted.analyse().graph.nodes.filter((n) => n.kind === 'cache').map((n) => n.name).sort(), ['cache-0', 'cache-1']);
});

test('for_each links over a map with one VNet missing: only that VNet is reported', () => {
  const text = `
variable "spokes" {
  default = { app = "10.1.0.0/16", batch = "10.2.0.0/16" }
}
resource "azurerm_virtual_network" "spoke" {
  for_each            = var.spokes
  name                = "vnet-\${each.key}"
  location            = "westeurope"
  resource_group_name = "rg"
  address_space       = [each.value]
}
resource "azurerm_subnet" "pe" {
  for_each             = var.spokes
  name                 = "snet-pe"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.spoke[each.key].name
}
resource "azurerm_private_dns_zone" "redis" {
  name                = "privatelink.redis.cache.windows.net"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "spoke" {
  for_each              = { for k, v in var.spokes : k => v if k != "batch" }
  name                  = "link-\${each.key}"
  private_dns_zone_id   = azurerm_private_dns_zone.redis.id
  virtual_network_id    = azurerm_virtual_network.spoke[each.key].id
}
resource "azurerm_private_endpoint" "pe" {
  for_each            = var.spokes
  name                = "pe-\${each.key}"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = azurerm_subnet.pe[each.key].id
  private_service_connection {
    name                           = "c"
    private_connection_resource_id = azurerm_redis_cache.cache.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.redis.id]
  }
}
`;
  const ws = new Workspace([file('main.tf', text), file('cache.tf', CACHE('  public_network_access_enabled = false\n'))]);
  const findings = ws.findings('dns-zone-link-missing');
  assert.equal(findings.length, 1, findings.map((f) => f.message).join('\n'));
  assert.match(findings[0].message, /vnet-batch/);
  assert.deepEqual(summary(ws), ['dns-zone-link-missing@main.tf:18']);
});

test('azapi Managed Redis: the ARM body is read, with the same rules as Bicep', () => {
  const text = `
resource "azapi_resource" "redis" {
  type      = "Microsoft.Cache/redisEnterprise@2025-04-01"
  name      = "amr-orders"
  parent_id = "/subscriptions/0000/resourceGroups/rg"
  location  = "westeurope"
  body = {
    sku = { name = "Balanced_B5" }
    properties = {
      publicNetworkAccess = "Enabled"
      minimumTlsVersion   = "1.2"
    }
  }
}
resource "azurerm_private_endpoint" "pe" {
  name                = "pe-amr"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "amr"
    private_connection_resource_id = azapi_resource.redis.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }
}
`;
  const ws = new Workspace([file('amr.tf', text), file('net.tf', ZONE_AND_NETWORK)]);
  const ids = summary(ws);
  assert.ok(ids.includes('group-id-mismatch@amr.tf:23'), ids.join(', '));
  assert.ok(ids.includes('public-network-access-enabled@amr.tf:10'), ids.join(', '));
  const cache = ws.analyse().graph.nodes.find((n) => n.kind === 'cache');
  assert.equal(cache?.kind === 'cache' ? cache.type : undefined, 'Microsoft.Cache/redisEnterprise');
});

test('.tf.json configuration is read like native syntax', () => {
  const json = JSON.stringify({
    resource: {
      azurerm_redis_cache: {
        cache: { name: 'cache-json', location: 'westeurope', resource_group_name: 'rg', capacity: 1, family: 'P', sku_name: 'Premium', non_ssl_port_enabled: true },
      },
    },
  }, null, 2);
  const ws = new Workspace([file('main.tf.json', json)]);
  const ids = summary(ws);
  assert.ok(ids.includes('non-tls-port-enabled@main.tf.json:11'), ids.join(', '));
});

test('the older enable_non_ssl_port (azurerm v3) is read too', () => {
  const ws = new Workspace([file('cache.tf', CACHE('  enable_non_ssl_port = true\n'))]);
  assert.ok(summary(ws).includes('non-tls-port-enabled@cache.tf:10'));
});

test('a syntax error is a finding at its place, and the resources after it are still checked', () => {
  const broken = `resource "azurerm_redis_cache" "broken" {\n  name = \n}\n${CACHE('  non_ssl_port_enabled = true\n')}`;
  const ws = new Workspace([file('cache.tf', broken)]);
  assert.deepEqual(summary(ws), ['non-tls-port-enabled@cache.tf:13', 'syntax-error@cache.tf:2']);
});

test('# plreview-disable-next-line silences a rule on the next line', () => {
  const cache = `# plreview-disable-next-line public-network-access-enabled\n${CACHE().trimStart()}`;
  const ws = new Workspace([file('net.tf', ZONE_AND_NETWORK), file('cache.tf', cache), file('pe.tf', ENDPOINT())]);
  assert.deepEqual(summary(ws), []);
});

test('quick fixes write Terraform: public_network_access_enabled, subresource_names, registration_enabled', () => {
  const net = ZONE_AND_NETWORK.replace('virtual_network_id    = azurerm_virtual_network.hub.id', 'virtual_network_id    = azurerm_virtual_network.hub.id\n  registration_enabled  = true');
  const ws = new Workspace([file('net.tf', net), file('cache.tf', CACHE()), file('pe.tf', ENDPOINT('"redisEnterprise"'))]);
  assert.deepEqual(summary(ws), ['dns-zone-link-autoregistration@net.tf:23', 'group-id-mismatch@pe.tf:11', 'public-network-access-enabled@cache.tf:2']);
  for (const finding of ws.findings()) {
    assert.ok(finding.fixes.length > 0, `${finding.ruleId} offers no fix`);
    assert.ok(ws.apply(finding.fixes[0]) > 0, `${finding.ruleId}: no edit`);
  }
  assert.deepEqual(summary(ws), []);
  assert.match(ws.text(`${ROOT}/cache.tf`), /resource "azurerm_redis_cache" "cache" \{\n {2}public_network_access_enabled = false\n {2}name/);
  assert.match(ws.text(`${ROOT}/pe.tf`), /subresource_names {14}= \["redisCache"\]/);
  assert.match(ws.text(`${ROOT}/net.tf`), /registration_enabled {2}= false/);
});

test('modules not read are coverage gaps, not silent passes: outside the analysed files, or from a registry not mapped', () => {
  const ws = new Workspace([
    file('main.tf', 'module "pe" {\n  source = "../../elsewhere"\n}\nmodule "x" {\n  source  = "someone/thing/azurerm"\n  version = "1.0.0"\n}\n'),
  ]);
  const gaps = ws.analyse().graph.coverage.filter((c) => c.status !== 'read');
  assert.deepEqual(gaps.map((g) => `${g.scope}:${g.status}:${(g.at?.range.start.line ?? -1) + 1}`), [`${ROOT}/main.tf:partial:2`, `${ROOT}/main.tf:partial:5`]);
  assert.match(gaps[0].reason ?? '', /\.\.\/\.\.\/elsewhere is not a folder of Terraform files under the analysed root/);
  assert.match(gaps[1].reason ?? '', /someone\/thing\/azurerm is not read/);
  // Fail closed: each is an analysis-incomplete error at the module's source.
  assert.deepEqual(summary(ws), ['analysis-incomplete@main.tf:2', 'analysis-incomplete@main.tf:5']);
});

test('Azure Verified Modules from the registry: redis with a private endpoint and the private DNS zone module', () => {
  const text = `
module "zone" {
  source      = "Azure/avm-res-network-privatednszone/azurerm"
  version     = "0.4.0"
  domain_name = "privatelink.redis.cache.windows.net"
  parent_id   = "/subscriptions/0000/resourceGroups/rg"
  virtual_network_links = {
    hub = {
      name               = "link-hub"
      virtual_network_id = azurerm_virtual_network.hub.id
      autoregistration   = true
    }
  }
}
module "redis" {
  source              = "Azure/avm-res-cache-redis/azurerm"
  version             = "0.4.0"
  name                = "cache-avm"
  location            = "westeurope"
  resource_group_name = "rg"
  private_endpoints = {
    primary = {
      subnet_resource_id            = azurerm_subnet.pe.id
      private_dns_zone_resource_ids = [module.zone.resource_id]
    }
  }
}
`;
  const network = ZONE_AND_NETWORK.slice(0, ZONE_AND_NETWORK.indexOf('resource "azurerm_private_dns_zone"'));
  const ws = new Workspace([file('main.tf', text), file('net.tf', network)]);
  // public_network_access_enabled defaults to true in the module; autoregistration is set on the hub link.
  assert.deepEqual(summary(ws), ['dns-zone-link-autoregistration@main.tf:11', 'public-network-access-enabled@main.tf:15']);
  const { graph } = ws.analyse();
  const endpoint = graph.endpoints[0];
  assert.equal(endpoint.name, 'pep-cache-avm');
  assert.deepEqual(endpoint.connections[0].groupIds, ['redisCache']);
  const fixed = new Workspace([
    file('main.tf', text.replace('autoregistration   = true', 'autoregistration   = false').replace('resource_group_name = "rg"\n  private', 'resource_group_name = "rg"\n  public_network_access_enabled = false\n  private')),
    file('net.tf', network),
  ]);
  assert.deepEqual(summary(fixed), []);
  // The quick fixes write the same into the module calls: the autoregistration argument, and the public access
  // argument the redis module passes on (left to its default of true here).
  for (const finding of ws.findings()) {
    assert.ok(finding.fixes.length > 0 && ws.apply(finding.fixes[0]) === 1, `${finding.ruleId}: a fix with one edit`);
  }
  assert.match(ws.text(`${ROOT}/main.tf`), /autoregistration {3}= false/);
  assert.match(ws.text(`${ROOT}/main.tf`), /module "redis" \{\n {2}public_network_access_enabled = false\n/);
  assert.deepEqual(summary(ws), []);
});

test('a YAML review names the Terraform cache: its clients in a spoke need the zone linked there', () => {
  const yaml = `privateLinkDesign: v1
networks:
  - { name: vnet-spoke, subnets: [snet-app] }
clients:
  - { name: orders-api, network: vnet-spoke, uses: [cache-orders] }
`;
  const ws = new Workspace([
    file('net.tf', ZONE_AND_NETWORK),
    file('cache.tf', CACHE('  public_network_access_enabled = false\n')),
    file('pe.tf', ENDPOINT()),
    file('review.plink.yaml', yaml),
  ]);
  const findings = ws.findings('dns-zone-link-missing');
  assert.equal(findings.length, 1, summary(ws).join(', '));
  assert.match(findings[0].message, /vnet-spoke/);
});

test('a terraform show -json plan is linted with the same rules; values unknown until apply follow the configuration references', () => {
  const path = join(__dirname, '../../fixtures/terraform/plan/plan.json');
  const ws = new Workspace([{ path, text: readFileSync(path, 'utf8') }]);
  const findings = ws.findings();
  const at = (ruleId: string) => {
    const f = findings.find((x) => x.ruleId === ruleId);
    return f && f.location.kind === 'file' ? f.location.span.range.start.line + 1 : undefined;
  };
  // The endpoint's target (known only after apply) is the cache of the plan, through the module call's target_id.
  assert.equal(at('group-id-mismatch'), 64);
  assert.equal(at('public-network-access-enabled'), 23);
  const { graph } = ws.analyse();
  const endpoint = graph.endpoints[0];
  assert.equal(endpoint.origin.kind === 'file' ? endpoint.origin.symbol : '', 'module.orders_pe.azurerm_private_endpoint.this');
  assert.ok(Array.isArray(endpoint.zoneGroups) && endpoint.zoneGroups[0].configs.length === 1, 'zone id followed through var.zone_id');
});

test('a plan beside its configuration reports once, at the .tf line', () => {
  const dir = join(__dirname, '../../../../examples/terraform');
  const files: DesignFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.push({ path: p, text: readFileSync(p, 'utf8') });
    }
  };
  walk(dir);
  const planPath = join(dir, 'plan.json');
  files.push({ path: planPath, text: readFileSync(join(__dirname, '../../fixtures/terraform/plan/plan.json'), 'utf8') });
  const ws = new Workspace(files);
  const groupFindings = ws.findings('group-id-mismatch');
  assert.equal(groupFindings.length, 1);
  assert.ok(groupFindings[0].location.kind === 'file' && groupFindings[0].location.span.file.endsWith('main.tf'));
});

test('a dynamic zone group over an unknown collection is unknown: no "zone group missing" false alarm; over [] it is missing', () => {
  const endpoint = (forEach: string) => ENDPOINT().replace(
    /\n  private_dns_zone_group \{[\s\S]*?\n  \}\n/,
    `\n  dynamic "private_dns_zone_group" {\n    for_each = ${forEach}\n    content {\n      name                 = "default"\n      private_dns_zone_ids = [azurerm_private_dns_zone.redis.id]\n    }\n  }\n`,
  );
  const files = (forEach: string) => [
    file('net.tf', ZONE_AND_NETWORK),
    file('cache.tf', CACHE('  public_network_access_enabled = false\n')),
    file('pe.tf', endpoint(forEach)),
    file('vars.tf', 'variable "zones" {}\n'),
  ];
  assert.deepEqual(summary(new Workspace(files('var.zones'))), []);
  assert.deepEqual(summary(new Workspace(files('["one"]'))), []);
  assert.deepEqual(summary(new Workspace(files('[]'))), ['dns-zone-group-missing@pe.tf:2']);
});

test('for_each over a collection that is not known: one representative endpoint, and nothing concluded from its unknowns', () => {
  const text = ENDPOINT('each.value.group').replace('resource "azurerm_private_endpoint" "pe" {', 'resource "azurerm_private_endpoint" "pe" {\n  for_each = var.endpoints');
  const ws = new Workspace([file('net.tf', ZONE_AND_NETWORK), file('cache.tf', CACHE('  public_network_access_enabled = false\n')), file('pe.tf', text), file('vars.tf', 'variable "endpoints" {}\n')]);
  assert.deepEqual(summary(ws), []);
  const endpoints = ws.analyse().graph.endpoints;
  assert.equal(endpoints.length, 1);
  assert.equal(endpoints[0].origin.kind === 'file' ? endpoints[0].origin.inLoop : undefined, true);
});

test('.tf.json strings are templates: interpolations are evaluated and findings point into the JSON string', () => {
  const json = `{
  "variable": { "port": { "default": true } },
  "resource": {
    "azurerm_redis_cache": {
      "cache": { "name": "c", "resource_group_name": "rg", "location": "westeurope", "capacity": 1, "family": "P", "sku_name": "Premium", "non_ssl_port_enabled": "\${var.port}" }
    }
  }
}`;
  const ws = new Workspace([file('main.tf.json', json)]);
  const finding = ws.findings('non-tls-port-enabled')[0];
  assert.ok(finding, summary(ws).join(', '));
  assert.equal(spanText(json, finding), 'true');
});

test('azurerm_managed_redis (public_network_access defaults to Enabled) and azurerm_redis_firewall_rule join the chain', () => {
  const managed = `
resource "azurerm_managed_redis" "amr" {
  name                = "amr-orders"
  resource_group_name = "rg"
  location            = "westeurope"
  sku_name            = "Balanced_B5"
  default_database {
    client_protocol = "Encrypted"
  }
}
`;
  const endpoint = ENDPOINT('"redisEnterprise"').replace('azurerm_redis_cache.cache.id', 'azurerm_managed_redis.amr.id').replace(
    'privatelink.redis.cache.windows.net',
    'privatelink.redis.azure.net',
  );
  const zone = ZONE_AND_NETWORK.replace('privatelink.redis.cache.windows.net', 'privatelink.redis.azure.net');
  const ws = new Workspace([file('amr.tf', managed), file('pe.tf', endpoint), file('net.tf', zone)]);
  assert.deepEqual(summary(ws), ['public-network-access-enabled@amr.tf:2']);
  const cache = ws.analyse().graph.nodes.find((n) => n.kind === 'cache');
  assert.deepEqual(cache?.kind === 'cache' ? cache.databasePorts : undefined, [10000]);

  const rule = `
resource "azurerm_redis_firewall_rule" "office" {
  name                = "office"
  redis_cache_name    = azurerm_redis_cache.cache.name
  resource_group_name = "rg"
  start_ip            = "203.0.113.1"
  end_ip              = "203.0.113.9"
}
`;
  const withRule = new Workspace([file('net.tf', ZONE_AND_NETWORK), file('cache.tf', CACHE('  public_network_access_enabled = false\n')), file('pe.tf', ENDPOINT()), file('fw.tf', rule)]);
  const caches = withRule.analyse().graph.nodes.filter((n) => n.kind === 'cache');
  assert.equal(caches[0].kind === 'cache' ? caches[0].firewallRules.length : 0, 1);
});

test('other Private Link services through the catalog: a storage account left public behind an endpoint', () => {
  const text = `
resource "azurerm_storage_account" "data" {
  name                     = "stdata"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}
resource "azurerm_private_dns_zone" "blob" {
  name                = "privatelink.blob.core.windows.net"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "blob" {
  name                  = "link-hub"
  resource_group_name   = "rg"
  private_dns_zone_name = azurerm_private_dns_zone.blob.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}
resource "azurerm_private_endpoint" "blob" {
  name                = "pe-blob"
  location            = "westeurope"
  resource_group_name = "rg"
  subnet_id           = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.data.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.blob.id]
  }
}
`;
  const ws = new Workspace([file('storage.tf', text), file('net.tf', ZONE_AND_NETWORK)]);
  const target = ws.analyse().graph.nodes.find((n) => n.kind === 'target');
  assert.equal(target?.kind === 'target' ? target.type : undefined, 'Microsoft.Storage/storageAccounts');
  const publicFindings = ws.findings().filter((f) => f.location.kind === 'file' && f.location.span.file.endsWith('storage.tf') && /public/i.test(f.ruleId));
  assert.equal(publicFindings.length, 1, summary(ws).join(', '));
  const closed = new Workspace([file('storage.tf', text.replace('account_replication_type = "LRS"', 'account_replication_type = "LRS"\n  public_network_access_enabled = false')), file('net.tf', ZONE_AND_NETWORK)]);
  assert.deepEqual(closed.findings().filter((f) => /public/i.test(f.ruleId)), []);
  // A wrong subresource is the same group-id-mismatch as for Redis.
  const wrong = new Workspace([file('storage.tf', text.replace('["blob"]', '["sqlServer"]')), file('net.tf', ZONE_AND_NETWORK)]);
  assert.ok(summary(wrong).includes('group-id-mismatch@storage.tf:27'), summary(wrong).join(', '));
});

test('local module cycles (a sources ../b, b sources ../a) are analysis-incomplete at the call that closes them; both folders are still checked', () => {
  const cache = (name: string) => `resource "azurerm_redis_cache" "c" {\n  name                = "${name}"\n  resource_group_name = "rg"\n  sku_name            = "Premium"\n  family              = "P"\n  capacity            = 1\n  non_ssl_port_enabled = true\n}\n`;
  const ws = new Workspace([
    file('a/main.tf', `module "b" {\n  source = "../b"\n}\n${cache('cache-a')}`),
    file('b/main.tf', `module "a" {\n  source = "../a"\n}\n${cache('cache-b')}`),
  ]);
  // a is analysed first (name order): its call of ../b is followed, b's call back into ../a closes the cycle.
  assert.deepEqual(summary(ws), ['analysis-incomplete@b/main.tf:2', 'non-tls-port-enabled@a/main.tf:10', 'non-tls-port-enabled@b/main.tf:10']);
  const gap = ws.analyse().graph.coverage.find((c) => c.status !== 'read');
  assert.match(gap?.reason ?? '', /module "a": \.\.\/a closes a cycle of local modules \(a → b → a\): the cycle is not followed/);

  // Reached from a root module, and a folder that calls itself: the same, at each closing call.
  const nested = new Workspace([
    file('main.tf', 'module "a" {\n  source = "./a"\n}\n'),
    file('a/main.tf', `module "b" {\n  source = "../b"\n}\n${cache('cache-a')}`),
    file('b/main.tf', `module "a" {\n  source = "../a"\n}\n${cache('cache-b')}`),
    file('self/main.tf', `module "me" {\n  source = "./"\n}\n${cache('cache-self')}`),
  ]);
  assert.deepEqual(summary(nested), [
    'analysis-incomplete@b/main.tf:2',
    'analysis-incomplete@self/main.tf:2',
    'non-tls-port-enabled@a/main.tf:10',
    'non-tls-port-enabled@b/main.tf:10',
    'non-tls-port-enabled@self/main.tf:10',
  ]);
  const reasons = nested.analyse().graph.coverage.flatMap((c) => (c.reason ? [c.reason] : []));
  assert.ok(reasons.some((r) => /module "me": \.\/ closes a cycle of local modules \(self → self\)/.test(r)), reasons.join('; '));
});

test('a keystroke elsewhere in the folder reuses the Terraform reading; a changed .tf file is read again', () => {
  const files = [file('net.tf', ZONE_AND_NETWORK), file('cache.tf', CACHE()), file('pe.tf', ENDPOINT())];
  const first = terraformSource.read(files, {}).graph;
  // The same texts (new objects, as the editor sends them): the same reading.
  assert.equal(terraformSource.read(files.map((f) => ({ ...f })), {}).graph, first);
  const changed = terraformSource.read([files[0], file('cache.tf', CACHE('  public_network_access_enabled = false\n')), files[2]], {}).graph;
  assert.notEqual(changed, first);
  const cache = changed?.nodes.find((n) => n.kind === 'cache');
  assert.equal(cache?.kind === 'cache' ? cache.publicNetworkAccess : undefined, 'Disabled');
});
