// `plreview evidence`: export an audit bundle; `plreview evidence diff <old> <new>`: compare two bundles.

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { EXIT_FINDINGS, EXIT_OK, UsageError, type CliIo } from '../io';
import { gapText } from '../../graph/coverage';
import { loadProjectConfig } from '../load-config';
import { configFindingText } from '../../config/config-findings';
import { BundleTargetError, buildEvidence, writeBundle } from '../../evidence/bundle';
import { diffEvidence, readEvidence, renderDiffText } from '../../evidence/diff';
import { evidenceInputFromParts, estatePartOf, type ScopePart } from '../../evidence/scope';
import { readEstateInput } from '../estate-input';
import { designPart } from '../../evidence/design-scope';
import { DiscoveryError } from '../../lint/discover';
import { livePart } from '../../evidence/live-scope';
import { probeEvidence } from '../../evidence/probes';
import { cloudFlag, LIVE_OPTIONS, LIVE_USAGE, openInventory, reportFatal, rulesCloud } from './live-source';

const USAGE = `Usage: plreview evidence [--subscription id…] [--estate file] [--design folder] --out dir [options]
       plreview evidence diff <old-bundle> <new-bundle> [--format text|json]

Writes an audit bundle into --out: evidence.json, report.md, report.html, findings.sarif, resources.csv and
SHA256SUMS (verify with: cd <dir> && sha256sum -c SHA256SUMS). The folder is replaced only when the export
completes; an earlier bundle in it is replaced, any other non-empty folder is refused.

Scope (at least one; several combine into one bundle):
  --estate <file|folder>   an estate snapshot (ARM JSON, az graph query output, or an ARM list)
  --design <folder>        the Bicep, ARM JSON, YAML and Terraform design files of a folder (repeat for several)
  --subscription <id>      a live subscription (repeatable), read like 'plreview audit' does

Options:
  --out <dir>              where to write the bundle (required)
  --mask-subscription-ids  replace each subscription id by sub-<8 hex of its sha256>, in every file
  --tenant <id>            the tenant to record in the bundle
  --probe                  probe every cache from this machine (DNS chain, TCP, TLS) and record the results
  --dns-server <ip[:port]> DNS server(s) the probes ask (repeatable; default: this machine's resolvers)
  --probe-timeout <ms>     timeout of each probe step (default 3000)
Live options (with --subscription):
${LIVE_USAGE.split('\n').filter((line) => !line.trimStart().startsWith('--subscription')).join('\n')}

Exit status: 0 the bundle was written and covers everything; 1 written, but some scope could not be read or was
read only in part (NOT COVERED on stderr and in the bundle; 0 with --allow-partial); 2 usage error, an unreadable
--estate, or an --out that cannot take a bundle (nothing written); 3 internal error.

Diff lists findings fixed, findings new, resources added, gone and changed, and coverage changes; exit 0.
`;

export const evidenceCommand: CliCommand = {
  name: 'evidence',
  summary: 'export an audit evidence bundle (JSON, Markdown, HTML, SARIF, CSV, SHA256SUMS); `evidence diff` compares two',
  usage: USAGE,
  async run(args, io) {
    if (args[0] === 'diff') return runDiff(args.slice(1), io);
    return runExport(args, io);
  },
};

async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      ...LIVE_OPTIONS,
      estate: { type: 'string' },
      // Several --design folders are several scope parts (before, the last one silently replaced the others).
      design: { type: 'string', multiple: true },
      out: { type: 'string' },
      'mask-subscription-ids': { type: 'boolean' },
      tenant: { type: 'string' },
      probe: { type: 'boolean' },
      'dns-server': { type: 'string', multiple: true },
      'probe-timeout': { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
  if (!values.out) throw new UsageError('--out <dir> is required');
  if (!values.estate && !values.design?.length && !values.subscription?.length) {
    throw new UsageError('choose a scope: --estate <file>, --design <folder> or --subscription <id>');
  }
  if (!values.probe && (values['dns-server'] || values['probe-timeout'])) throw new UsageError('--dns-server and --probe-timeout apply with --probe');
  const timeoutMs = values['probe-timeout'] === undefined ? undefined : Number(values['probe-timeout']);
  if (timeoutMs !== undefined && !(Number.isInteger(timeoutMs) && timeoutMs > 0)) throw new UsageError('--probe-timeout must be a positive number of milliseconds');

  const allowPartial = values['allow-partial'] === true;
  const { config: loaded, findings: configFindings } = loadProjectConfig(values.config, io, 'evidence', 'live');
  // The bundle records the estate's findings; an ignored attempt to switch off a fail-closed rule is said here.
  for (const finding of configFindings) io.err(`plreview evidence: ${configFindingText(finding, io.cwd)}\n`);
  const config = { ...loaded, cloud: cloudFlag(values.cloud, loaded.cloud) };
  const parts: ScopePart[] = [];
  if (values.estate) parts.push(estatePartOf(readEstateInput(values.estate, io), values.estate, { cloud: config.cloud }));
  for (const design of values.design ?? []) {
    try {
      parts.push(await designPart(resolve(io.cwd, design), config, { displayPath: design }));
    } catch (error) {
      if (error instanceof DiscoveryError) throw new UsageError(`--design ${error.message}`);
      throw error;
    }
  }
  if (values.subscription?.length) {
    const inventory = openInventory({ 'arm-endpoint': values['arm-endpoint'], 'ca-file': values['ca-file'], cloud: values.cloud }, io);
    const liveConfig = { ...loaded, cloud: rulesCloud(inventory, values.cloud, loaded, io, 'evidence') };
    try {
      parts.push(await livePart(inventory.port, liveConfig, { subscriptionIds: values.subscription, allowPartial }));
    } catch (error) {
      const code = reportFatal(error, io, 'evidence');
      if (code !== undefined) return code;
      throw error;
    }
  }

  const input = evidenceInputFromParts({
    parts,
    config,
    tenant: values.tenant,
    maskSubscriptionIds: values['mask-subscription-ids'] === true,
    allowPartial,
    relativeTo: io.cwd,
    now: fixedNow(io),
  });
  const probes = values.probe ? await probeEvidence(input.graph, { dnsServers: values['dns-server'], timeoutMs, cloud: input.cloud }) : undefined;
  const model = buildEvidence({ ...input, probes });
  let written;
  try {
    written = await writeBundle(model, resolve(io.cwd, values.out));
  } catch (error) {
    if (error instanceof BundleTargetError) throw new UsageError(`--out: ${error.message}`);
    throw error;
  }
  const s = model.summary;
  io.out(
    `Wrote ${written.files.length} files to ${written.outDir}: ${s.caches} caches (${s.privateOnly} private-only, ${s.withFindings} with findings), ${s.findings} findings.\n`,
  );
  // The bundle's own (redacted, masked) words, so stderr never says more than the bundle does.
  for (const entry of model.coverage) {
    if (entry.status === 'failed') io.err(`plreview evidence: NOT COVERED: ${entry.kind} ${entry.scope}: ${entry.reason ?? 'could not be read'}\n`);
    for (const gap of entry.gaps) io.err(`plreview evidence: NOT COVERED: ${gapText(gap)} (${entry.kind} ${entry.scope})\n`);
  }
  // The bundle is written either way (it states its gaps); the run fails unless the user accepts a partial one.
  const incomplete = model.coverage.some((c) => c.status !== 'read');
  return incomplete && !allowPartial ? EXIT_FINDINGS : EXIT_OK;
}

async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { format: { type: 'string', default: 'text' } },
  });
  if (positionals.length !== 2) throw new UsageError('diff takes two bundles: plreview evidence diff <old> <new>');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not '${values.format}'`);
  const [oldPath, newPath] = positionals;
  let diff;
  try {
    diff = diffEvidence(readEvidence(resolve(io.cwd, oldPath)), readEvidence(resolve(io.cwd, newPath)));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  io.out(values.format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : renderDiffText(diff, oldPath, newPath));
  return EXIT_OK;
}

/**
 * `PLREVIEW_NOW` pins the timestamp (reproducible bundles in CI and in tests); otherwise the export time is used.
 */
function fixedNow(io: CliIo): Date | undefined {
  const pinned = io.env.PLREVIEW_NOW;
  if (!pinned) return undefined;
  const date = new Date(pinned);
  if (Number.isNaN(date.getTime())) throw new UsageError(`PLREVIEW_NOW='${pinned}' is not a date`);
  return date;
}
