// The ARM resource types the graph is built from, lower-cased (ARM compares types case-insensitively). One list
// for every source: Bicep, ARM JSON, Terraform's ARM-shaped output, estate snapshots and live inventory rows.

export const ARM_TYPES = {
  redis: 'microsoft.cache/redis',
  redisFirewallRule: 'microsoft.cache/redis/firewallrules',
  redisEnterprise: 'microsoft.cache/redisenterprise',
  redisEnterpriseDatabase: 'microsoft.cache/redisenterprise/databases',
  privateEndpoint: 'microsoft.network/privateendpoints',
  zoneGroup: 'microsoft.network/privateendpoints/privatednszonegroups',
  zone: 'microsoft.network/privatednszones',
  vnetLink: 'microsoft.network/privatednszones/virtualnetworklinks',
  aRecord: 'microsoft.network/privatednszones/a',
  vnet: 'microsoft.network/virtualnetworks',
  subnet: 'microsoft.network/virtualnetworks/subnets',
} as const;
