// The entry point of the untrusted-workspace suite: test/integration/run.mjs opens its folder in a window whose
// workspace is NOT trusted (code-server with workspace trust on, no startup prompt), so VS Code runs the
// extension in restricted mode (package.json: untrustedWorkspaces limited).
import { runTestsIn } from '../index';

export function run(): Promise<void> {
  return runTestsIn(__dirname);
}
