// Loads the Azure SDK bundle on first use. In the bundles, the build turns the `./azure-sdk` require below into
// `require('./azure-sdk.js')` next to dist/extension.js or dist/cli.js; in the unbundled test build it is the
// module itself. Either way nothing loads until the first live call.
import type * as AzureSdk from './azure-sdk';

let loaded: typeof AzureSdk | undefined;

export function loadAzureSdk(): typeof AzureSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./azure-sdk') as typeof AzureSdk;
  return loaded;
}

/** Whether the SDK has been loaded in this process (tests assert activation does not load it). */
export function azureSdkLoaded(): boolean {
  return loaded !== undefined;
}
