// Loads the engine bundle on first use. In the bundles, the build turns the `./engine` require below into
// `require('./engine.js')` next to dist/extension.js; in the unbundled test build it is the module itself.
import type * as Engine from './engine';

export type { Engine };

let loaded: typeof Engine | undefined;

export function engine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./engine') as typeof Engine;
  return loaded;
}

export function engineLoaded(): boolean {
  return loaded !== undefined;
}
