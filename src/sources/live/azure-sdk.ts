// The Azure SDK surface the live inventory uses, bundled on its own as dist/azure-sdk.js and required only on
// first live use (never at activation). Import this module only through ./sdk-loader.
export { RedisManagementClient } from '@azure/arm-rediscache';
export { RedisEnterpriseManagementClient } from '@azure/arm-redisenterprisecache';
export { NetworkManagementClient } from '@azure/arm-network';
export { PrivateDnsManagementClient } from '@azure/arm-privatedns';
export { ResourceGraphClient } from '@azure/arm-resourcegraph';
export { SubscriptionClient } from '@azure/arm-resources-subscriptions';
export { AzureCliCredential } from '@azure/identity';
