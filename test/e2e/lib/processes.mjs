// Background servers for the real-VS-Code suites. Each runs in its own process group (detached), so stopping it
// also stops its children (code-server's file watchers and extension host), and every one is stopped by its
// process id when the suite ends — normally, on a failure, or on Ctrl+C.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

const running = new Set();

/**
 * Starts `command` in a new process group, logging its output to `logFile`, and resolves once `ready(line)`
 * returns a value for one of its output lines (that value is the result), or rejects after `timeoutMs`.
 */
export function startServer({ name, command, args, env, cwd, logFile, ready, timeoutMs = 30_000 }) {
  const log = createWriteStream(logFile);
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const server = { name, pid: child.pid, logFile, child, stop: () => stopGroup(server) };
  running.add(server);
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${name} did not become ready within ${timeoutMs} ms (log: ${logFile})`)), timeoutMs);
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.stop();
      reject(error);
    };
    let buffered = '';
    const onData = (chunk) => {
      log.write(chunk);
      if (settled) return;
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const value = ready(line);
        if (value !== undefined) {
          settled = true;
          clearTimeout(timer);
          resolve({ ...server, ...value });
          return;
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => fail(new Error(`${name} could not start: ${error.message}`)));
    child.on('exit', (code, signal) => {
      running.delete(server);
      fail(new Error(`${name} exited early (code ${code}, signal ${signal}); log: ${logFile}`));
    });
  });
}

function stopGroup(server) {
  if (!running.has(server)) return;
  running.delete(server);
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  // A server that ignores SIGTERM is killed for good shortly after; unref so the timer never holds the run.
  setTimeout(() => {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }, 2000).unref();
}

export function stopAll() {
  for (const server of [...running]) stopGroup(server);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}
process.on('exit', stopAll);
