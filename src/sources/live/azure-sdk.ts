// The Azure SDK surface the live inventory uses, bundled on its own as dist/azure-sdk.js and required only on
// first live use (never at activation). Import this module only through ./sdk-loader.
export { RedisManagementClient } from '@azure/arm-rediscache';
export { RedisEnterpriseManagementClient } from '@azure/arm-redisenterprisecache';
export { NetworkManagementClient } from '@azure/arm-network';
export { PrivateDnsManagementClient } from '@azure/arm-privatedns';
export { ResourceGraphClient } from '@azure/arm-resourcegraph';
export { SubscriptionClient } from '@azure/arm-resources-subscriptions';
export { AzureCliCredential } from '@azure/identity';
// One HTTP client (one keep-alive agent) shared by every ARM client: the SDK otherwise gives each client its own,
// and per-subscription clients would open a TLS connection each (measured: TLS set-up dominated the full audit).
export { createDefaultHttpClient } from '@azure/core-rest-pipeline';
