// `plreview audit`: the live estate (or a snapshot) through the same rules as the design linter, in live mode.

import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import { loadProjectConfig } from '../load-config';
import { runAudit } from '../../sources/live/audit';
import { auditJson, auditText } from './audit-format';
import { LIVE_OPTIONS, LIVE_USAGE, openInventory, reportFatal, rulesCloud } from './live-source';
import { toSarif } from '../../evidence/sarif';
import { TOOL_VERSION } from '../../version';

const USAGE = `Usage: plreview audit [--subscription id…] [--estate file|folder] [--format text|json|sarif] [options]

Reads caches, private endpoints, DNS zone groups, private DNS zones, VNet links, A records and VNets (Resource
Graph first, ARM per subscription as fallback) and checks every link of the Private Link chain. A subscription
that refuses, throttles beyond retries or times out is reported as NOT READ; the others are still audited.

Options:
  --estate <file|folder>   audit an estate snapshot instead of live Azure (no sign-in)
  --format text|json|sarif output format (default text)
${LIVE_USAGE}

JSON: { "findings": [ { "ruleId", "severity", "message", "resourceId", "subscriptionId" } ],
        "coverage": { "subscriptions": [ { "id", "status": "read" | "failed", "reason" } ] } }
Exit status: 0 no error findings and every subscription read; 1 error findings or a subscription not read;
2 usage error or no sign-in.
`;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'audit the live estate (or an estate snapshot) for broken Private Link chains',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { ...LIVE_OPTIONS, estate: { type: 'string' }, format: { type: 'string', default: 'text' } },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    const config = loadProjectConfig(values.config, io, 'audit');
    const inventory = openInventory(values, io);
    const cloud = rulesCloud(inventory, values.cloud, config, io, 'audit');
    let run;
    try {
      run = await runAudit(inventory.port, { ...config, cloud }, { subscriptionIds: values.subscription });
    } catch (error) {
      const code = reportFatal(error, io, 'audit');
      if (code !== undefined) return code;
      throw error;
    }
    if (format === 'json') io.out(`${JSON.stringify(auditJson(run), null, 2)}\n`);
    else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(run.findings, { toolVersion: TOOL_VERSION }), null, 2)}\n`);
    else io.out(auditText(run));
    const notRead = run.estate.coverage.filter((c) => c.status === 'failed');
    if (format !== 'text') for (const c of notRead) io.err(`plreview audit: NOT READ: subscription ${c.scope}: ${c.reason ?? 'could not be read'}\n`);
    return run.findings.some((f) => f.severity === 'error') || notRead.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};
