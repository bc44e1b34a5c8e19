// The Azure SDK surface the live inventory uses, bundled on its own as dist/azure-sdk.js and required only on
// first live use (never at activation). Import this module only through ./sdk-loader.
export { RedisManagementClient } from '@azure/arm-rediscache';
