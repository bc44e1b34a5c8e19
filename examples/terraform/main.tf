# A Redis cache reached through a private endpoint, in Terraform (azurerm v4).
# `plreview lint examples/terraform` finds what is wrong in this design.

resource "azurerm_resource_group" "rg" {
  name     = "rg-${var.prefix}"
  location = var.location
}

resource "azurerm_redis_cache" "orders" {
  name                = "${var.prefix}-orders"
  location            = azurerm_resource_group.rg.location
  resource_group_name = azurerm_resource_group.rg.name
  capacity            = 1
  family              = "P"
  sku_name            = "Premium"
  minimum_tls_version = "1.2"
  # public_network_access_enabled defaults to true: the cache stays reachable from the internet.
}

module "orders_pe" {
  source              = "./modules/private-endpoint"
  name                = "pe-${var.prefix}-orders"
  location            = var.location
  resource_group_name = azurerm_resource_group.rg.name
  subnet_id           = azurerm_subnet.endpoints.id
  target_id           = azurerm_redis_cache.orders.id
  subresource         = "redisEnterprise" # wrong: an Azure Cache for Redis takes "redisCache"
  zone_id             = azurerm_private_dns_zone.redis.id
}
