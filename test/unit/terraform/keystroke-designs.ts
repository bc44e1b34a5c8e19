// Terraform designs the keystroke tests edit: the example workspace (a root module, a local module, tfvars) read
// from examples/terraform, and one file that uses what reuse must get right: variables with defaults read by many
// blocks, locals reading locals, for_each over a variable and over a local, count, dynamic blocks, data sources,
// references between resources, a heredoc and comments.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/paths';

export interface DesignText {
  readonly name: string;
  readonly text: string;
}

/** examples/terraform, every file, names relative to it. */
export function exampleWorkspace(): DesignText[] {
  const dir = join(repoRoot(), 'examples', 'terraform');
  const out: DesignText[] = [];
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else out.push({ name: rel, text: readFileSync(join(dir, rel), 'utf8') });
    }
  };
  walk('');
  return out;
}

export const MANY_KINDS = `# Caches per team, endpoints per cache, one zone.
variable "location" {
  type    = string
  default = "westeurope"
}

variable "teams" {
  type    = set(string)
  default = ["a", "b"]
}

variable "caches" {
  type = map(object({ sku = string, public = optional(bool, false) }))
  default = {
    orders = { sku = "Premium" }
    carts  = { sku = "Premium", public = true }
  }
}

locals {
  rg     = "rg-\${var.location}"
  prefix = "plr-\${local.rg}"
  zone   = "privatelink.redis.cache.windows.net"
}

data "azurerm_client_config" "current" {}

resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = var.location
  resource_group_name = local.rg
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "pe" {
  count                = 1
  name                 = "snet-pe-\${count.index}"
  resource_group_name  = local.rg
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_private_dns_zone" "redis" {
  name                = local.zone
  resource_group_name = local.rg
}

resource "azurerm_private_dns_zone_virtual_network_link" "hub" {
  name                  = "link-hub"
  resource_group_name   = local.rg
  private_dns_zone_name = azurerm_private_dns_zone.redis.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}

resource "azurerm_redis_cache" "team" {
  for_each                      = var.caches
  name                          = "\${local.prefix}-\${each.key}"
  location                      = var.location
  resource_group_name           = local.rg
  capacity                      = 1
  family                        = "P"
  sku_name                      = each.value.sku
  minimum_tls_version           = "1.2"
  public_network_access_enabled = each.value.public
  tags                          = { for t in var.teams : t => upper(t) }
}

resource "azurerm_private_endpoint" "team" {
  for_each            = azurerm_redis_cache.team
  name                = "pe-\${each.key}"
  location            = var.location
  resource_group_name = local.rg
  subnet_id           = azurerm_subnet.pe[0].id

  private_service_connection {
    name                           = each.key
    private_connection_resource_id = each.value.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }

  dynamic "private_dns_zone_group" {
    for_each = var.teams
    content {
      name                 = "zg-\${private_dns_zone_group.value}"
      private_dns_zone_ids = [azurerm_private_dns_zone.redis.id]
    }
  }
}

resource "azurerm_redis_cache" "single" {
  name                = "single"
  location            = var.location
  resource_group_name = local.rg
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
  redis_configuration {
    notify_keyspace_events = <<EOT
KEA
EOT
  }
}

output "ids" {
  value = [for c in azurerm_redis_cache.team : c.id]
}
`;
