// Starts the local ARM emulator (scripts/emulator.mjs) as a tracked server for the real-VS-Code suites.
import { join } from 'node:path';
import { repoRoot } from './paths.mjs';
import { startServer } from './processes.mjs';

/** Resolves to { url, caFile } once the emulator listens; stopAll() stops it with the other servers. */
export function startArmEmulator({ estateFolder, forbiddenSubscription, runDir }) {
  return startServer({
    name: 'ARM emulator',
    command: process.execPath,
    args: ['scripts/emulator.mjs', '--estate', estateFolder, '--port', '0', '--forbid', forbiddenSubscription],
    cwd: repoRoot,
    logFile: join(runDir, 'emulator.log'),
    ready: (line) => {
      try {
        const info = JSON.parse(line);
        return info.url ? { url: info.url, caFile: info.caFile } : undefined;
      } catch {
        return undefined; // a log line before the JSON one
      }
    },
  });
}
