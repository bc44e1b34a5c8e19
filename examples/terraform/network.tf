resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  location            = var.location
  resource_group_name = "rg-${var.prefix}"
  address_space       = ["10.0.0.0/16"]
}

resource "azurerm_subnet" "endpoints" {
  name                 = "snet-endpoints"
  resource_group_name  = "rg-${var.prefix}"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.1.0/24"]
}

resource "azurerm_virtual_network" "spokes" {
  for_each            = var.spokes
  name                = "vnet-${each.key}"
  location            = var.location
  resource_group_name = "rg-${var.prefix}"
  address_space       = [each.value]
}

resource "azurerm_private_dns_zone" "redis" {
  name                = "privatelink.redis.cache.windows.net"
  resource_group_name = "rg-${var.prefix}"
}

# One link per spoke, but none for the hub, where the endpoint is.
resource "azurerm_private_dns_zone_virtual_network_link" "redis" {
  for_each              = azurerm_virtual_network.spokes
  name                  = "link-${each.key}"
  resource_group_name   = "rg-${var.prefix}"
  private_dns_zone_name = azurerm_private_dns_zone.redis.name
  virtual_network_id    = each.value.id
  registration_enabled  = each.key == "batch"
}
