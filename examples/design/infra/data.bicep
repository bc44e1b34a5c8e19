// The trading platform's data services behind private endpoints in the hub: a storage account for trade reports
// (right) and the Key Vault holding its keys, whose endpoint registers in the public forwarder's name
// (`privatelink.vault.azure.net`) instead of Key Vault's private zone, `privatelink.vaultcore.azure.net`.
param location string = 'westeurope'

resource reports 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'sttradingreports'
  location: location
  tags: { owner: 'trading-platform' }
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    publicNetworkAccess: 'Disabled'
    minimumTlsVersion: 'TLS1_2'
  }
}

resource reportsEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-trading-reports-blob'
  location: location
  tags: { owner: 'trading-platform' }
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub-weu', 'snet-pe') }
    privateLinkServiceConnections: [
      { name: 'reports-blob', properties: { privateLinkServiceId: reports.id, groupIds: ['blob'] } }
    ]
  }
}

resource reportsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: reportsEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      { name: 'blob', properties: { privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', 'privatelink.blob.core.windows.net') } }
    ]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-trading-weu'
  location: location
  tags: { owner: 'trading-platform' }
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    publicNetworkAccess: 'Disabled'
  }
}

resource vaultEndpoint 'Microsoft.Network/privateEndpoints@2024-05-01' = {
  name: 'pe-trading-vault'
  location: location
  tags: { owner: 'trading-platform' }
  properties: {
    subnet: { id: resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub-weu', 'snet-pe') }
    privateLinkServiceConnections: [
      { name: 'vault', properties: { privateLinkServiceId: vault.id, groupIds: ['vault'] } }
    ]
  }
}

resource vaultZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2024-05-01' = {
  parent: vaultEndpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      { name: 'vault', properties: { privateDnsZoneId: resourceId('Microsoft.Network/privateDnsZones', 'privatelink.vault.azure.net') } }
    ]
  }
}
