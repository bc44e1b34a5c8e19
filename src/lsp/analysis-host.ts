// The protocol thread's side of the analysis worker: requests with ids, the texts the worker already has, and
// the time budget. An analysis that runs past the budget is stopped by terminating the worker (a synchronous
// loop cannot be interrupted any other way); the next request starts a fresh one. The server then tells the
// user which files were involved and leaves them out until they change (server.ts).

import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DesignFile } from '../lint/design-file';
import type { ProjectConfig } from '../config/config';
import type { AnalysedScope, FileText, WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResult } from './worker-protocol';

/** An analysis that ran past the budget and was stopped. */
export class AnalysisStopped extends Error {}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class AnalysisHost {
  private worker: Worker | undefined;
  /** What the current worker holds, so unchanged texts are not sent again. */
  private readonly sent = new Map<string, string>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly timeoutMs: number,
    private readonly workerPath = join(__dirname, 'analysis-worker.js'),
  ) {}

  async analyse(
    scope: string,
    root: string,
    files: readonly DesignFile[],
    notRead: readonly { path: string; why: string }[],
    config: ProjectConfig,
  ): Promise<AnalysedScope> {
    const texts: FileText[] = files.map((f) => {
      if (this.sent.get(f.path) === f.text) return { path: f.path };
      this.sent.set(f.path, f.text);
      return { path: f.path, text: f.text };
    });
    return this.request({ kind: 'analyse', scope, root, files: texts, notRead, config });
  }

  request<R extends WorkerRequest>(request: R): Promise<WorkerResult<R>> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<WorkerResult<R>>((resolve, reject) => {
      const timer = setTimeout(() => this.stop(new AnalysisStopped(`analysis ran for more than ${this.timeoutMs} ms`)), this.timeoutMs);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as WorkerResult<R>);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      worker.postMessage({ id, request } satisfies WorkerEnvelope);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  /** Ends the worker and fails every request it had; the next request starts a new worker. */
  private stop(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    this.sent.clear();
    void worker?.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    worker.on('message', (reply: WorkerReply) => {
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new Error(reply.error));
    });
    // A crash (out of memory, a bug) fails what was asked; the next request gets a fresh worker.
    worker.on('error', (error) => {
      if (this.worker === worker) this.stop(error);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stop(new Error(`the analysis worker exited with code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
