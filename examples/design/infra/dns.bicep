// Private DNS for Redis, owned by the network team: one zone per name, linked where clients resolve it.
resource redisZone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: 'privatelink.redis.cache.windows.net'
  location: 'global'
  tags: { owner: 'network-team' }
}

resource hubLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: redisZone
  name: 'link-vnet-hub-weu'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: { id: resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub-weu') }
  }
}
