import type { CliIo } from '../../src/cli/io';

export interface MemoryIo extends CliIo {
  stdout(): string;
  stderr(): string;
}

/** Runs CLI commands in-process and keeps what they print. */
export function memoryIo(cwd = process.cwd(), env: NodeJS.ProcessEnv = {}): MemoryIo {
  let out = '';
  let err = '';
  return {
    cwd,
    env,
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    stdout: () => out,
    stderr: () => err,
  };
}
