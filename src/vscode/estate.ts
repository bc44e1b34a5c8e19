// The estate shown in the Private Link view: where it comes from (the live inventory through the user's Azure
// session, or an estate snapshot file), loading it with progress and cancellation, and the resulting graph and
// findings. The tree renders it (tree.ts); evidence exports it. The `privateLinkReview.state` context key drives
// the view's welcome content (signed out, no subscriptions, no caches).
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import type { PrivateLinkGraph } from '../graph/graph';
import { engine } from './engine-loader';
import type { Finding } from '../rules/types';
import type { EstateLoad, InventoryPort, SubscriptionInfo } from '../sources/live/port';
import { readSettings, saveSubscriptions, type ExtensionSettings } from './config';
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

export class EstateController implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private abort: AbortController | undefined;
  private inventory: { key: string; port: InventoryPort } | undefined;
  private snapshotPath: string | undefined;
  private currentState: EstateState = 'idle';
  private loaded: LoadedEstate | undefined;
  private failure: string | undefined;
  private currentPort: InventoryPort | undefined;

  constructor(private readonly log: Log) {}

  dispose(): void {
    this.abort?.abort();
    this.changed.dispose();
  }

  get state(): EstateState {
    return this.currentState;
  }
  get estate(): LoadedEstate | undefined {
    return this.loaded;
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
      this.setState('signedOut', undefined);
      return;
    }
    this.setState('loading', this.loaded);
    try {
      const estate = await vscode.window.withProgress(
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
      if (!estate) {
        this.setState('noSubscriptions', undefined);
        return;
      }
      const caches = estate.graph.caches.length;
      const failedSubs = estate.load.coverage.filter((c) => c.status === 'failed').length;
      this.log.info(
        `estate loaded from ${source.kind === 'live' ? `${estate.load.source} (${settings.armEndpoint})` : source.path}: ` +
          `${estate.subscriptions.length} subscription(s), ${caches} cache(s), ${estate.findings.length} finding(s), ${failedSubs} failed subscription(s)`,
      );
      this.setState(caches === 0 && failedSubs === 0 ? 'noCaches' : 'ready', estate);
      if (caches > 0) await this.completeDetails(estate, settings, abort);
    } catch (error) {
      if (this.abort !== abort) return;
      if (abort.signal.aborted || liveErrorKind(error) === 'cancelled') {
        this.log.info('loading the estate was cancelled');
        this.failure = 'Loading was cancelled. Refresh to try again.';
        this.setState('failed', this.loaded);
        return;
      }
      if (liveErrorKind(error) === 'auth') {
        this.log.warn(`sign-in needed: ${errorMessage(error)}`);
        this.setState('signedOut', undefined);
        return;
      }
      this.failure = errorMessage(error);
      this.log.error(`loading the estate failed: ${this.failure}`);
      this.setState('failed', this.loaded);
    } finally {
      noteAzureSdk(this.log, 'the Private Link view loaded the live estate');
    }
  }

  /**
   * The first level (Resource Graph) leaves zone groups, A records and firewall rules unread, so the chain rules
   * cannot judge them yet. Read them right after, in the background with bounded concurrency (the view shows a
   * progress bar; a refresh cancels it), and redraw with the complete findings.
   */
  private async completeDetails(estate: LoadedEstate, settings: ExtensionSettings, abort: AbortController): Promise<void> {
    const port = this.currentPort;
    if (!port || estate.load.source === 'snapshot') return;
    try {
      const load = await vscode.window.withProgress({ location: { viewId: 'privateLinkReview.estate' } }, () =>
        port.loadDetails(estate.load, { signal: abort.signal }),
      );
      if (abort.signal.aborted || this.abort !== abort) return;
      for (const problem of load.detailErrors) this.log.warn(problem);
      const detailed: LoadedEstate = { ...estate, load, ...analyseEstate(load, settings), loadedAt: new Date() };
      this.log.info(`estate details read: ${detailed.findings.length} finding(s), ${load.detailErrors.length} detail read(s) failed`);
      this.setState(this.currentState, detailed);
    } catch (error) {
      if (abort.signal.aborted) return;
      this.log.warn(`reading the estate's details failed (zone groups and records stay unknown): ${errorMessage(error)}`);
    }
  }

  /** Reloads the estate after a failed subscription: the whole estate, so cross-subscription links stay right. */
  async retrySubscription(subscriptionId: string): Promise<void> {
    this.log.info(`retrying subscription ${subscriptionId}`);
    await this.refresh();
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

  /** The port the current estate was read through (tree nodes read details lazily through it). */
  get port(): InventoryPort | undefined {
    return this.currentPort;
  }

  private async portFor(source: EstateSource, settings: ExtensionSettings): Promise<InventoryPort> {
    if (source.kind === 'live') return this.liveInventory(settings);
    const { readEstatePath, EstateInventory } = engine();
    const parsed = readEstatePath(source.path);
    if (parsed.resources.length === 0 && parsed.errors.length > 0) throw new Error(parsed.errors.join('; '));
    for (const problem of parsed.errors) this.log.warn(problem);
    return new EstateInventory(parsed.resources, parsed.coverage);
  }

  private async loadFrom(
    source: EstateSource,
    settings: ExtensionSettings,
    signal: AbortSignal,
    report: (message: string) => void,
  ): Promise<LoadedEstate | undefined> {
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
    const load = await port.loadEstate(
      subscriptions.map((s) => s.id),
      { signal, onProgress: (p) => report(p.total ? `${p.message} (${p.done}/${p.total})` : p.message) },
    );
    for (const problem of load.detailErrors) this.log.warn(problem);
    if (load.fallbackReason) this.log.warn(`Resource Graph unavailable, listed per subscription instead: ${load.fallbackReason}`);
    this.currentPort = port;
    return { source, load, subscriptions, ...analyseEstate(load, settings), loadedAt: new Date() };
  }

  private setState(state: EstateState, estate: LoadedEstate | undefined): void {
    this.currentState = state;
    this.loaded = estate;
    void vscode.commands.executeCommand('setContext', 'privateLinkReview.state', state);
    this.changed.fire();
  }

  /** Remembers the chosen subscriptions (user setting) and reloads. */
  async selectSubscriptions(ids: readonly string[]): Promise<void> {
    await saveSubscriptions(ids);
    await this.refresh();
  }
}

/** The graph of a load and the live rules' findings on it. */
export function analyseEstate(load: EstateLoad, settings: ExtensionSettings): { graph: PrivateLinkGraph; findings: Finding[] } {
  const { PrivateLinkGraph, estateToGraph, runRules } = engine();
  const graph = PrivateLinkGraph.from(estateToGraph(load.resources, { coverage: [...load.coverage], cloud: settings.cloud }));
  const findings = runRules(graph, { settings: { cloud: settings.cloud, requiredTags: [], mode: 'live' } });
  return { graph, findings };
}

/**
 * The kind of a LiveError from the inventory. Checked by name, not instanceof: the error comes from the engine
 * bundle, whose LiveError class is not the one this bundle would import.
 */
function liveErrorKind(error: unknown): string | undefined {
  return error instanceof Error && error.name === 'LiveError' ? (error as Error & { kind?: string }).kind : undefined;
}
