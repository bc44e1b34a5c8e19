// Price cache of the trading platform: Azure Cache for Redis Premium behind a private endpoint in the hub.
param location string = 'westeurope'

resource cache 'Microsoft.Cache/redis@2024-11-01' = {
  name: 'trading-prices-weu'
  location: location
  tags: { owner: 'trading-platform' }
  properties: {
    sku: { name: 'Premium', family: 'P', capacity: 1 }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource endpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-trading-prices'
  location: location
  tags: { owner: 'trading-platform' }
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub-weu', 'snet-pe') }
    privateLinkServiceConnections: [
      {
        name: 'trading-prices'
        properties: {
          privateLinkServiceId: cache.id
          groupIds: ['redisCache']
        }
      }
    ]
  }
}

resource zoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: 'privatelink-redis-cache-windows-net'
        properties: { privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', 'privatelink.redis.cache.windows.net') }
      }
    ]
  }
}
