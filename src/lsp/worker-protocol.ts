// Messages between the language server's protocol thread and its analysis worker (analysis-worker.ts). The
// analysis runs in a worker thread so that the server can stop a runaway analysis (terminate the worker) and
// keep answering the editor; the worker keeps the incremental state (parse trees, evaluated resources) between
// keystrokes, and the protocol thread sends it only the texts that changed.

import type { CodeAction, Diagnostic, Hover, Position } from 'vscode-languageserver';
import type { ProjectConfig } from '../config/config';
import type { GraphData } from '../graph/types';
import type { Finding } from '../rules/types';

export interface FileText {
  readonly path: string;
  /** Omitted when the worker already has this text (unchanged since the last message to this worker). */
  readonly text?: string;
}

export type WorkerRequest =
  | {
      readonly kind: 'analyse';
      readonly scope: string;
      /** Files the designs name are read only inside this folder (confined-read.ts). */
      readonly root: string;
      readonly files: readonly FileText[];
      /** Design files that could not be read, and why (analysis-incomplete findings). */
      readonly notRead: readonly { readonly path: string; readonly why: string }[];
      readonly config: ProjectConfig;
    }
  | { readonly kind: 'codeActions'; readonly scope: string; readonly path: string; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'hover'; readonly scope: string; readonly path: string; readonly position: Position }
  | { readonly kind: 'folderAnalysis'; readonly scope: string };

/** The last analysis of a folder as data, for evidence and "Lint Workspace" in the editor. */
export interface FolderAnalysis {
  readonly files: readonly string[];
  readonly findings: readonly Finding[];
  readonly graph: GraphData;
}

export interface AnalysedScope {
  /** Diagnostics per analysed file (an empty list clears a file that became clean). */
  readonly diagnostics: ReadonlyArray<readonly [path: string, diagnostics: Diagnostic[]]>;
  readonly findingCount: number;
  readonly millis: number;
}

export type WorkerResult<R extends WorkerRequest> = R extends { kind: 'analyse' }
  ? AnalysedScope
  : R extends { kind: 'codeActions' }
    ? CodeAction[]
    : R extends { kind: 'hover' }
      ? Hover | null
      : FolderAnalysis | null;

export interface WorkerEnvelope {
  readonly id: number;
  readonly request: WorkerRequest;
}

export type WorkerReply = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: string };
