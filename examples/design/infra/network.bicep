// Hub-and-spoke networks of the trading platform (West Europe).
param location string = 'westeurope'

resource hub 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-hub-weu'
  location: location
  tags: { owner: 'network-team' }
  properties: {
    addressSpace: { addressPrefixes: ['10.10.0.0/16'] }
    subnets: [
      { name: 'snet-pe', properties: { addressPrefix: '10.10.1.0/24' } }
    ]
  }
}

resource api 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'vnet-api-weu'
  location: location
  tags: { owner: 'network-team' }
  properties: {
    addressSpace: { addressPrefixes: ['10.20.0.0/16'] }
    subnets: [
      { name: 'snet-app', properties: { addressPrefix: '10.20.1.0/24' } }
    ]
  }
}
