// Injected by the bundler from package.json; the fallbacks serve the unbundled test build.
declare const __PLR_VERSION__: string | undefined;

export const TOOL_NAME = 'plreview';
export const TOOL_VERSION: string = typeof __PLR_VERSION__ === 'string' ? __PLR_VERSION__ : readPackageVersion();

function readPackageVersion(): string {
  try {
    // out/src/version.js or src/version.ts → ../../package.json
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return '0.0.0-dev';
  }
}
