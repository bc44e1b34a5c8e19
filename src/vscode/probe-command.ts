// "Test Connectivity…": the probe (DNS chain → TCP → TLS) from this machine to a cache or another service's target
// of the estate (host and port from the catalog) or a hostname, written to its own output channel, with the verdict
// as a notification. Never sends a Redis command.
import * as vscode from 'vscode';
import type { CacheFacts, ProbeReport } from '../probe/probe';
import type { ProbeOptions, ServiceFacts } from '../probe/types';
import { engine } from './engine-loader';
import type { CacheNode } from '../graph/types';
import type { PrivateLinkGraph } from '../graph/graph';
import type { EstateController } from './estate';
import { errorMessage, type Log } from './log';

let channel: vscode.OutputChannel | undefined;

function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('Private Link Review: Connectivity');
  return channel;
}

export function disposeProbeOutput(): void {
  channel?.dispose();
  channel = undefined;
}

/** What the probe knows about a cache of the graph: name, type, SKU, region and its endpoints' private IPs. */
function cacheFacts(graph: PrivateLinkGraph, cache: CacheNode): CacheFacts | undefined {
  const result = engine().factsOf(graph, cache, graph.endpointsOf(cache));
  return result.ok ? result.facts : undefined;
}

/** What the probe knows about another service's target: its type and name (the catalog gives host and port). */
function targetFacts(graph: PrivateLinkGraph, targetId: string): ServiceFacts | undefined {
  const target = graph.resolveKind(targetId, 'target');
  if (!target) return undefined;
  const result = engine().serviceFactsOf(graph, target, graph.endpointsOf(target));
  return result.ok && 'kind' in result.facts ? result.facts : undefined;
}

export async function testConnectivity(estate: EstateController, log: Log, cacheId?: string): Promise<ProbeReport | undefined> {
  const chosen = await chooseTarget(estate, cacheId);
  if (!chosen) return undefined;
  const { target, options } = typeof chosen === 'object' && 'target' in chosen ? chosen : { target: chosen, options: undefined };
  const label = typeof target === 'string' ? target : target.name;
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing connectivity to ${label}…` },
      () => engine().probe(target, options),
    );
    const out = output();
    out.appendLine(engine().formatProbeReport(report));
    out.appendLine('');
    out.show(true);
    log.info(`probe ${label}: ${report.verdict}`);
    const show = report.verdict === 'reachable' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(`${label}: ${report.summary}`);
    return report;
  } catch (error) {
    const message = error instanceof engine().ProbeInputError ? error.message : `The probe failed: ${errorMessage(error)}`;
    void vscode.window.showErrorMessage(`Test Connectivity: ${message}`);
    return undefined;
  }
}

/** A hostname the user gave for a target, probed with what the target's facts still tell (port, endpoint IPs). */
interface GivenHost {
  readonly target: string;
  readonly options: ProbeOptions;
}

async function chooseTarget(estate: EstateController, cacheId: string | undefined): Promise<CacheFacts | ServiceFacts | string | GivenHost | undefined> {
  const graph = estate.estate?.graph;
  if (cacheId && graph) {
    const cache = graph.resolveKind(cacheId, 'cache');
    const facts = (cache && cacheFacts(graph, cache)) || targetFacts(graph, cacheId);
    if (facts && 'kind' in facts) return hostOrAsk(facts);
    if (facts) return facts;
  }
  const enterHost = { label: '$(edit) Enter a hostname or IP address…', facts: undefined as CacheFacts | undefined };
  const caches = (graph?.caches ?? []).flatMap((cache) => {
    const facts = cacheFacts(graph!, cache);
    return facts ? [{ label: facts.name, description: [facts.type, facts.region].filter(Boolean).join(' · '), facts }] : [];
  });
  const picked = caches.length === 0 ? enterHost : await vscode.window.showQuickPick([...caches, enterHost], { placeHolder: 'Cache to test from this machine' });
  if (!picked) return undefined;
  if (picked.facts) return picked.facts;
  const host = await vscode.window.showInputBox({
    prompt: 'Hostname of the cache (e.g. mycache.redis.cache.windows.net) or an IP address',
    validateInput: (value) => (value.trim() === '' ? 'Enter a hostname or an IP address' : undefined),
  });
  return host?.trim() || undefined;
}

/**
 * The facts when they give a hostname; otherwise (a vault's Azure-assigned names, an instance whose FQDN the tree
 * does not hold) ask for it, showing why it cannot be told, and keep the catalog's port and the endpoint IPs.
 */
async function hostOrAsk(facts: ServiceFacts): Promise<ServiceFacts | GivenHost | undefined> {
  const resolved = engine().resolveTarget(facts);
  if (resolved.ok) return facts;
  const host = await vscode.window.showInputBox({
    title: `Test Connectivity: ${facts.name}`,
    prompt: `${resolved.message.replace(/; give the hostname to probe$/, '')}. Enter the hostname to probe.`,
    validateInput: (value) => (value.trim() === '' ? 'Enter a hostname or an IP address' : undefined),
  });
  const given = host?.trim();
  return given ? { target: given, options: engine().optionsForGivenHost(facts) } : undefined;
}
