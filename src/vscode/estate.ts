// The estate shown in the Private Link view: where it comes from (the live inventory through the user's Azure
// session, or an estate snapshot file), loading it with progress and cancellation, and the tree model that holds
// it (src/tree: nodes, findings, lazy and background detail reads). The view (tree.ts) renders the model; evidence
// and the probe read the estate from here. The `privateLinkReview.state` context key drives the view's welcome
// content (signed out, no subscriptions, no caches).
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import type { PrivateLinkGraph } from '../graph/graph';
import { engine } from './engine-loader';
import type { Finding } from '../rules/types';
import type { ProjectConfig } from '../config/config';
import type { EstateTreeModel } from '../tree/model';
import type { EstateLoad, InventoryPort, SubscriptionInfo } from '../sources/live/port';
import { explicitCloud, readSettings, saveSubscriptions, type ExtensionSettings } from './config';
import { canCallAzure, credentialFor } from './auth';
import { errorMessage, noteAzureSdk, type Log } from './log';

export type EstateState = 'idle' | 'loading' | 'signedOut' | 'noSubscriptions' | 'noCaches' | 'ready' | 'failed';

export type EstateSource = { readonly kind: 'live' } | { readonly kind: 'snapshot'; readonly path: string };

export interface LoadedEstate {
  readonly source: EstateSource;
  readonly load: EstateLoad;
  readonly subscriptions: readonly SubscriptionInfo[];
  readonly graph: PrivateLinkGraph;
  readonly findings: readonly Finding[];
  readonly loadedAt: Date;
}

/** A tree model and what it was loaded from. */
interface Shown {
  readonly model: EstateTreeModel;
  readonly source: EstateSource;
  readonly subscriptions: readonly SubscriptionInfo[];
}

export class EstateController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private abort: AbortController | undefined;
  private inventory: { key: string; port: InventoryPort } | undefined;
  private snapshotPath: string | undefined;
  private currentState: EstateState = 'idle';
  private shown: Shown | undefined;
  private shownListener: { dispose(): void } | undefined;
  private loadedCache: LoadedEstate | undefined;
  private failure: string | undefined;

  constructor(private readonly log: Log) {}

  dispose(): void {
    this.abort?.abort();
    this.shownListener?.dispose();
    this.changed.dispose();
  }

  get state(): EstateState {
    return this.currentState;
  }

  /** The tree model the view shows (kept while a refresh loads, so the view does not go blank). */
  get tree(): EstateTreeModel | undefined {
    return this.shown?.model;
  }

  /** The estate as the model holds it now (details included once read), for evidence and the probe. */
  get estate(): LoadedEstate | undefined {
    const current = this.shown?.model.current;
    if (!this.shown || !current) return undefined;
    if (this.loadedCache?.load !== current.estate) {
      const { source, subscriptions } = this.shown;
      this.loadedCache = { source, subscriptions, load: current.estate, graph: current.graph, findings: current.findings, loadedAt: new Date() };
    }
    return this.loadedCache;
  }

  /** Why the last load failed as a whole, for the tree's single error node. */
  get failureMessage(): string | undefined {
    return this.failure;
  }

  /** Shows a snapshot file instead of the live estate (no sign-in). `undefined` returns to the live estate. */
  async openSnapshot(path: string | undefined): Promise<void> {
    this.snapshotPath = path;
    await this.refresh();
  }

  source(settings: ExtensionSettings = readSettings()): EstateSource {
    const path = this.snapshotPath ?? settings.estateFile;
    return path ? { kind: 'snapshot', path } : { kind: 'live' };
  }

  /** Loads (or reloads) the estate. A newer refresh cancels an older one still running. */
  async refresh(): Promise<void> {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    const settings = readSettings();
    const source = this.source(settings);
    this.failure = undefined;
    if (source.kind === 'live' && !(await canCallAzure(settings))) {
      this.show(undefined, 'signedOut');
      return;
    }
    this.setState('loading');
    try {
      const next = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: source.kind === 'live' ? 'Private Link Review: loading the estate' : 'Private Link Review: reading the snapshot',
          cancellable: true,
        },
        (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          return this.loadFrom(source, settings, abort.signal, (message) => progress.report({ message }));
        },
      );
      if (abort.signal.aborted || this.abort !== abort) return;
      if (!next) {
        this.show(undefined, 'noSubscriptions');
        return;
      }
      const current = next.model.current!;
      const caches = current.graph.caches.length;
      const failedSubs = current.estate.coverage.filter((c) => c.status === 'failed').length;
      this.log.info(
        `estate loaded from ${source.kind === 'live' ? `${current.estate.source} (${settings.armEndpoint})` : source.path}: ` +
          `${next.subscriptions.length} subscription(s), ${caches} cache(s), ${current.findings.length} finding(s), ${failedSubs} failed subscription(s)`,
      );
      this.show(next, caches === 0 && failedSubs === 0 ? 'noCaches' : 'ready');
      if (caches > 0) await this.completeDetails(next.model, abort);
    } catch (error) {
      if (this.abort !== abort) return;
      if (abort.signal.aborted || liveErrorKind(error) === 'cancelled') {
        this.log.info('loading the estate was cancelled');
        this.failure = 'Loading was cancelled. Refresh to try again.';
        this.setState('failed');
        return;
      }
      if (liveErrorKind(error) === 'auth') {
        this.log.warn(`sign-in needed: ${errorMessage(error)}`);
        this.show(undefined, 'signedOut');
        return;
      }
      this.failure = errorMessage(error);
      this.log.error(`loading the estate failed: ${this.failure}`);
      this.setState('failed');
    } finally {
      noteAzureSdk(this.log, 'the Private Link view loaded the live estate');
    }
  }

  /**
   * The first level (Resource Graph) leaves zone groups, A records and firewall rules unread, so the chain rules
   * cannot judge them yet. The model reads them right after, in the background with bounded concurrency (the view
   * shows a progress bar; a refresh cancels it), and redraws with the complete findings.
   */
  private async completeDetails(model: EstateTreeModel, abort: AbortController, subscriptionId?: string): Promise<void> {
    if (model.current?.estate.source === 'snapshot') return;
    try {
      const problems = await vscode.window.withProgress({ location: { viewId: 'privateLinkReview.estate' } }, () =>
        model.loadDetails({ signal: abort.signal, subscriptionId }),
      );
      if (abort.signal.aborted) return;
      for (const problem of problems) this.log.warn(problem);
      this.log.info(`estate details read${subscriptionId ? ` for ${subscriptionId}` : ''}: ${model.current?.findings.length ?? 0} finding(s), ${problems.length} detail read(s) failed`);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.log.warn(`reading the estate's details failed (zone groups and records stay unknown): ${errorMessage(error)}`);
    }
  }

  /** Reads one failed subscription again (the others stay as they are), then its details. */
  async retrySubscription(subscriptionId: string): Promise<void> {
    const shown = this.shown;
    const abort = this.abort;
    if (!shown || !abort || abort.signal.aborted) return this.refresh();
    this.log.info(`retrying subscription ${subscriptionId}`);
    try {
      await vscode.window.withProgress({ location: { viewId: 'privateLinkReview.estate' } }, () => shown.model.retry(subscriptionId, { signal: abort.signal }));
      if (abort.signal.aborted || this.shown !== shown) return;
      const entry = shown.model.current?.estate.coverage.find((c) => c.scope.toLowerCase() === subscriptionId.toLowerCase());
      this.log.info(`subscription ${subscriptionId}: ${entry?.status === 'failed' ? `still not read: ${entry.reason ?? 'unknown reason'}` : 'read'}`);
      if ((shown.model.current?.graph.caches.length ?? 0) > 0 && this.currentState === 'noCaches') this.setState('ready');
      if (entry?.status !== 'failed') await this.completeDetails(shown.model, abort, subscriptionId);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.log.warn(`retrying subscription ${subscriptionId} failed: ${errorMessage(error)}`);
      void vscode.window.showErrorMessage(`Private Link Review: ${subscriptionId} could not be read: ${errorMessage(error)}`);
    } finally {
      noteAzureSdk(this.log, 'the Private Link view retried a subscription');
    }
  }

  /** The live inventory for the current settings (clients are rebuilt when the endpoint or CA change). */
  async liveInventory(settings: ExtensionSettings = readSettings()): Promise<InventoryPort> {
    const key = JSON.stringify([settings.armEndpoint, settings.armCaFile, settings.fakeCredential, settings.cloud, settings.tenant]);
    if (this.inventory?.key !== key) {
      const ca = settings.armCaFile ? await readFile(settings.armCaFile, 'utf8') : undefined;
      if (settings.fakeCredential) this.log.warn(`using the test credential against the local endpoint ${settings.armEndpoint}`);
      this.inventory = { key, port: new (engine().AzureInventory)({ credential: credentialFor(settings), endpoint: settings.armEndpoint, ca }) };
    }
    return this.inventory.port;
  }

  private async portFor(source: EstateSource, settings: ExtensionSettings): Promise<InventoryPort> {
    if (source.kind === 'live') return this.liveInventory(settings);
    const { readEstatePath, EstateInventory } = engine();
    const parsed = readEstatePath(source.path);
    if (parsed.resources.length === 0 && parsed.errors.length > 0) throw new Error(parsed.errors.join('; '));
    for (const problem of parsed.errors) this.log.warn(problem);
    return new EstateInventory(parsed.resources, parsed.coverage);
  }

  private async loadFrom(source: EstateSource, settings: ExtensionSettings, signal: AbortSignal, report: (message: string) => void): Promise<Shown | undefined> {
    const port = await this.portFor(source, settings);
    report('listing subscriptions');
    const all = await port.listSubscriptions({ signal });
    // The subscription setting scopes the live estate; a snapshot shows everything it holds.
    const chosen = source.kind === 'live' ? settings.subscriptions : [];
    const wanted = chosen.length > 0 ? new Set(chosen.map((s) => s.toLowerCase())) : undefined;
    const subscriptions = wanted ? all.filter((s) => wanted.has(s.id.toLowerCase())) : all;
    // Selected subscriptions the account cannot list still get a node saying so.
    for (const id of chosen) {
      if (!subscriptions.some((s) => s.id.toLowerCase() === id.toLowerCase())) subscriptions.push({ id, displayName: id });
    }
    if (subscriptions.length === 0) return undefined;
    report(`reading ${subscriptions.length} subscription(s)`);
    const model = new (engine().EstateTreeModel)(port, estateRulesConfig(source.kind, settings), { services: settings.services });
    await model.load(subscriptions, { signal, onProgress: (p) => report(p.total ? `${p.message} (${p.done}/${p.total})` : p.message) });
    const load = model.current!.estate;
    if (load.fallbackReason) this.log.warn(`Resource Graph unavailable, listed per subscription instead: ${load.fallbackReason}`);
    return { model, source, subscriptions };
  }

  /** Replaces the model the view shows, and forwards its changes (lazy and background reads) to the view. */
  private show(next: Shown | undefined, state: EstateState): void {
    if (next !== this.shown) {
      this.shownListener?.dispose();
      this.shownListener = next?.model.onDidChange(() => this.changed.fire());
      this.shown = next;
      this.loadedCache = undefined;
    }
    this.setState(state);
  }

  private setState(state: EstateState): void {
    this.currentState = state;
    void vscode.commands.executeCommand('setContext', 'privateLinkReview.state', state);
    this.changed.fire();
  }

  /** Remembers the chosen subscriptions (user setting) and reloads. */
  async selectSubscriptions(ids: readonly string[]): Promise<void> {
    await saveSubscriptions(ids);
    await this.refresh();
  }
}

/**
 * The rules' settings for an estate in the view or in Export Evidence: the first workspace folder's
 * `.plreview.yaml` (required tags, severities, evidence tags, cloud) read exactly as `plreview audit` and
 * `plreview evidence` read `./.plreview.yaml` in that folder (src/config/workspace-config.ts). The cloud, as in
 * the CLI: a live estate is judged in the cloud it was read from (the setting), never the file's; a snapshot in
 * the cloud the user set explicitly, else the file's, else the setting's default.
 */
export function estateRulesConfig(kind: EstateSource['kind'], settings: ExtensionSettings = readSettings()): ProjectConfig {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (kind === 'live') return { ...engine().estateRuleConfig(folder), cloud: settings.cloud };
  const config = engine().estateRuleConfig(folder, explicitCloud());
  return { ...config, cloud: config.cloud ?? settings.cloud };
}

/**
 * The kind of a LiveError from the inventory. Checked by name, not instanceof: the error comes from the engine
 * bundle, whose LiveError class is not the one this bundle would import.
 */
function liveErrorKind(error: unknown): string | undefined {
  return error instanceof Error && error.name === 'LiveError' ? (error as Error & { kind?: string }).kind : undefined;
}
