// `plreview snapshot --out estate.json`: writes the live estate as an estate file (an ARM list with coverage), for
// offline review ("Open estate snapshot…", `plreview audit --estate`) in locked-down environments.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import { loadProjectConfig } from '../load-config';
import { readEstate } from '../../sources/live/audit';
import { snapshotDocument } from '../../sources/live/snapshot-file';
import { gapText, isIncomplete } from '../../graph/coverage';
import { LIVE_OPTIONS, LIVE_USAGE, openInventory, reportFatal } from './live-source';

const USAGE = `Usage: plreview snapshot --out <estate.json> [--subscription id…] [options]

Writes every Redis cache, private endpoint with its DNS zone groups, Redis private DNS zone with its VNet links
and A records, firewall rule and VNet of the chosen subscriptions as ARM JSON: { "value": [...], "coverage": [...] }.
Subscriptions that could not be read are recorded in "coverage" with the reason, and reads that failed inside a
subscription as its "gaps". No access key is ever read.

Options:
  --out <file>             where to write the estate file (required)
${LIVE_USAGE}

Exit status: 0 every subscription read in full; 1 written, but some subscription could not be read, or was read
only in part (0 with --allow-partial); 2 usage error or no sign-in.
`;

export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  summary: 'write the live estate to an estate file for offline review',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: { ...LIVE_OPTIONS, out: { type: 'string' } } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
    if (!values.out) throw new UsageError('--out <file> is required');
    loadProjectConfig(values.config, io, 'snapshot'); // reports a bad --config; a snapshot applies no rules (nor locks)
    const inventory = openInventory(values, io);
    let read;
    try {
      read = await readEstate(inventory.port, { subscriptionIds: values.subscription });
    } catch (error) {
      const code = reportFatal(error, io, 'snapshot');
      if (code !== undefined) return code;
      throw error;
    }
    const out = resolve(io.cwd, values.out);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(snapshotDocument(read.subscriptions, read.estate), null, 2)}\n`);
    const failed = read.estate.coverage.filter((c) => c.status === 'failed');
    io.out(`Wrote ${read.estate.resources.length} resources from ${read.estate.coverage.length - failed.length} subscription(s) to ${values.out}.\n`);
    for (const c of failed) io.err(`plreview snapshot: NOT READ: subscription ${c.scope}: ${c.reason ?? 'could not be read'}\n`);
    for (const c of read.estate.coverage) for (const gap of c.gaps ?? []) io.err(`plreview snapshot: NOT READ: ${gapText(gap)} (subscription ${c.scope})\n`);
    // The file records the gaps (coverage), so an offline audit of it fails the same way.
    const incomplete = read.estate.coverage.some(isIncomplete);
    return incomplete && values['allow-partial'] !== true ? EXIT_FINDINGS : EXIT_OK;
  },
};
