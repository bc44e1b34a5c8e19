// `plreview audit`: the live estate (or a snapshot) through the same rules as the design linter, in live mode.

import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../io';
import { loadProjectConfig } from '../load-config';
import { runAudit } from '../../sources/live/audit';
import { auditJson, auditText } from './audit-format';
import { LIVE_OPTIONS, LIVE_USAGE, openInventory, reportFatal, rulesCloud } from './live-source';
import { toSarif } from '../../evidence/sarif';
import { gapText } from '../../graph/coverage';
import { scrubText } from '../../evidence/secrets';
import { mapStrings } from '../../evidence/mask';
import { TOOL_VERSION } from '../../version';
import { findingsOfServices, unknownServiceKeys } from '../../rules/service-scope';

const USAGE = `Usage: plreview audit [--subscription id…] [--estate file|folder] [--format text|json|sarif] [options]

Reads caches, private endpoints, DNS zone groups, private DNS zones, VNet links, A records and VNets (Resource
Graph first, ARM per subscription as fallback) and checks every link of the Private Link chain. A subscription
that refuses, throttles beyond retries or times out is reported as NOT READ, a failed read inside one as READ IN
PART; the others are still audited.

Options:
  --estate <file|folder>   audit an estate snapshot instead of live Azure (no sign-in)
  --format text|json|sarif output format (default text)
  --service <key>          only findings about this catalogued service (repeatable; catalog keys such as redis,
                           redisEnterprise, storage, keyVault, sql; default: every service). Coverage findings
                           and findings no service can be named for are always kept.
${LIVE_USAGE}

JSON: { "findings": [ { "ruleId", "severity", "message", "resourceId", "subscriptionId" } ],
        "coverage": { "subscriptions": [ { "id", "status": "read" | "partial" | "failed", "reason",
                                           "gaps": [ { "resourceId", "what", "reason" } ] } ] } }
A subscription not read, or read only in part (a zone-group, firewall-rule or A-record read failed or answered
with a malformed response), is an error finding 'coverage-incomplete' (a warning with --allow-partial).
Exit status: 0 no error findings and every subscription read in full; 1 error findings (incomplete coverage
included); 2 usage error, an unreadable --estate, or no sign-in; 3 internal error.
`;

export const auditCommand: CliCommand = {
  name: 'audit',
  summary: 'audit the live estate (or an estate snapshot) for broken Private Link chains',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { ...LIVE_OPTIONS, estate: { type: 'string' }, format: { type: 'string', default: 'text' }, service: { type: 'string', multiple: true } },
    });
    const services = values.service ?? [];
    const unknown = unknownServiceKeys(services);
    if (unknown.length > 0) throw new UsageError(`--service: '${unknown[0]}' is not a catalogued service key (e.g. redis, storage, keyVault, sql)`);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help)`);
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not '${format}'`);
    const { config, findings: configFindings } = loadProjectConfig(values.config, io, 'audit', 'live');
    const inventory = openInventory(values, io);
    const cloud = rulesCloud(inventory, values.cloud, config, io, 'audit');
    let run;
    try {
      run = await runAudit(inventory.port, { ...config, cloud }, { subscriptionIds: values.subscription, allowPartial: values['allow-partial'] === true });
    } catch (error) {
      const code = reportFatal(error, io, 'audit');
      if (code !== undefined) return code;
      throw error;
    }
    // --service limits the findings (the tree's privateLinkReview.services does the same), never the coverage.
    const keep = findingsOfServices(run.graph, services, cloud ?? 'AzureCloud');
    // The configuration's own findings (an ignored attempt to switch off coverage-incomplete) go with the others.
    run = { ...run, findings: [...configFindings, ...run.findings.filter(keep)] };
    // Messages and reasons quote names and Azure's words, free text people typed: redacted as in evidence.
    const shown = {
      ...run,
      findings: run.findings.map((f) => ({ ...f, message: scrubText(f.message), facts: mapStrings(f.facts, scrubText) })),
      estate: { ...run.estate, coverage: mapStrings(run.estate.coverage, scrubText) },
    };
    if (format === 'json') io.out(`${JSON.stringify(auditJson(shown), null, 2)}\n`);
    else if (format === 'sarif') io.out(`${JSON.stringify(toSarif(shown.findings, { toolVersion: TOOL_VERSION }), null, 2)}\n`);
    else io.out(auditText(shown, io.cwd));
    if (format !== 'text') {
      for (const c of shown.estate.coverage) {
        if (c.status === 'failed') io.err(`plreview audit: NOT READ: subscription ${c.scope}: ${c.reason ?? 'could not be read'}\n`);
        for (const gap of c.gaps ?? []) io.err(`plreview audit: NOT READ: ${gapText(gap)} (subscription ${c.scope})\n`);
      }
    }
    // Incomplete coverage is an error finding (coverage-incomplete) unless --allow-partial made it a warning.
    return run.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : EXIT_OK;
  },
};
