// report.html: the same report as report.md in one self-contained file: inline CSS (with print rules), inline
// SVG topology, no script, no external request of any kind (a reviewer may open it offline or air-gapped).

import { escapeHtml } from './html-escape';
import type { EvidenceModel } from './model';
import {
  coverageSentence,
  familyName,
  findingWhere,
  rulesByCount,
  rulesCheckedSentence,
  scopeText,
  show,
  serviceRows,
  subscriptionSections,
  summarySentence,
  targetAccess,
} from './present';
import { renderSvg } from './render-svg';
import { buildTopology } from './topology';

const STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1b1b; margin: 2rem; max-width: 1440px; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
code { font-family: ui-monospace, Consolas, monospace; font-size: .9em; word-break: break-all; }
code.rule { white-space: nowrap; word-break: normal; }
.not-covered { border-left: 4px solid #c62828; background: #fdecea; padding: .5rem 1rem; font-weight: 600; }
.sev-error { color: #c62828; font-weight: 600; } .sev-warning { color: #a15c00; } .sev-info { color: #1a5fb4; }
.meta { color: #555; }
.figure { overflow-x: auto; }
svg.topology { max-width: 100%; height: auto; }
svg.topology text { font: 12px system-ui, sans-serif; fill: #1b1b1b; }
svg.topology .column-title { font-weight: 600; }
svg.topology .detail { fill: #555; font-size: 11px; }
svg.topology rect { fill: #fff; stroke: #607d8b; stroke-width: 1.2; }
svg.topology .cache rect { fill: #e8f0fe; } svg.topology .endpoint rect { fill: #eef7ee; }
svg.topology .zone rect { fill: #fff8e1; } svg.topology .vnet rect { fill: #f3e5f5; }
svg.topology .ghost rect { fill: #fff; stroke: #c62828; stroke-dasharray: 5 4; }
svg.topology .ghost text { fill: #c62828; }
svg.topology .edge { fill: none; stroke: #607d8b; stroke-width: 1.4; }
svg.topology .edge.broken { stroke: #c62828; stroke-width: 2; stroke-dasharray: 6 4; }
svg.topology .edge-label { font-size: 11px; fill: #555; paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
svg.topology .edge-label.broken { fill: #c62828; font-weight: 600; }
@media print {
  body { margin: 0; max-width: none; font-size: 11px; }
  h2 { break-after: avoid; } tr, svg.topology g { break-inside: avoid; }
  .figure { overflow: visible; }
  .not-covered { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export function renderHtml(model: EvidenceModel): string {
  const h = escapeHtml;
  const body: string[] = [];
  body.push('<h1>Private Link evidence</h1>');
  const failed = model.coverage.some((c) => c.status !== 'read');
  body.push(`<p class="${failed ? 'not-covered' : 'coverage'}">${h(coverageSentence(model))}</p>`);
  body.push(`<p>${h(summarySentence(model))}</p>`);
  body.push(
    `<p class="meta">Generated ${h(model.generatedAt)} by ${h(model.tool.name)} ${h(model.tool.version)} · cloud ${h(model.cloud)}` +
      `${model.tenant ? ` · tenant ${h(model.tenant)}` : ''} · scope ${h(scopeText(model))}` +
      `${model.scope.subscriptionIdsMasked ? ' · subscription ids masked' : ''}.</p>`,
  );

  body.push(`<p class="meta">${h(rulesCheckedSentence(model))}</p>`);

  body.push('<h2>Findings by rule</h2>');
  const rules = rulesByCount(model);
  body.push(rules.length === 0 ? '<p>No findings.</p>' : table(['Rule', 'Findings'], rules.map(([r, n]) => [code(r, 'rule'), h(String(n))])));

  const services = serviceRows(model);
  if (services.length > 0) {
    body.push('<h2>Private Link services</h2>');
    body.push(table(['Service', 'Targets', 'Endpoints', 'Findings'], services.map((row) => row.map(h))));
  }

  for (const [subscription, caches, targets] of subscriptionSections(model)) {
    body.push(`<h2>Subscription ${h(subscription)}</h2>`);
    if (caches.length > 0) body.push(
      table(
        ['Cache', 'Kind', 'SKU', 'Region', 'Public access', 'Endpoints', 'Private only', 'Findings'],
        caches.map((c) =>
          [show(c.name), familyName(c), show(c.sku), show(c.location), show(c.publicNetworkAccess), String(c.endpointIds.length), c.privateOnly ? 'yes' : 'no', String(c.findingCount)].map(h),
        ),
      ),
    );
    if (targets.length > 0) {
      body.push(
        table(
          ['Target', 'Service', 'Region', 'Public access', 'Endpoints', 'Findings'],
          targets.map((t) => [show(t.name), t.serviceName, show(t.location), targetAccess(t), String(t.endpointIds.length), String(t.findingCount)].map(h)),
        ),
      );
    }
  }

  body.push('<h2>Findings</h2>');
  body.push(
    model.findings.length === 0
      ? '<p>No findings.</p>'
      : table(
          ['Severity', 'Rule', 'Source', 'Where', 'Message'],
          model.findings.map((f, i) => [`<span class="sev-${f.severity}">${h(f.severity)}</span>`, code(f.ruleId, 'rule'), h(f.source), code(findingWhere(model, i)), h(f.message)]),
        ),
  );

  body.push('<h2>Coverage</h2>');
  body.push(
    model.coverage.length === 0
      ? '<p>No coverage recorded.</p>'
      : table(
          ['Scope', 'Kind', 'Status', 'Reason'],
          model.coverage.map((c) => [h(c.displayName ? `${c.scope} (${c.displayName})` : c.scope), h(c.kind), h(c.status), h(c.reason ?? '')]),
        ),
  );

  if (model.coverageNotes.length > 0) {
    body.push(`<p>Partial reads:</p>\n<ul>${model.coverageNotes.map((n) => `<li>${h(n)}</li>`).join('')}</ul>`);
  }

  if (model.probes.length > 0) {
    body.push('<h2>Connectivity probes</h2>');
    body.push(table(['Target', 'Verdict'], model.probes.map((p) => [h(p.target), h(p.verdict)])));
  }

  const topology = buildTopology(model);
  body.push('<h2>Topology</h2>');
  body.push('<p>Cache → private endpoint → private DNS zone → linked VNets. Dashed red edges are broken links, with the reason.</p>');
  if (topology.omittedCaches > 0)
    body.push(`<p>${topology.omittedCaches} cache(s) with intact chains are left out of the picture to keep it readable; the tables above list every cache.</p>`);
  body.push(`<div class="figure">\n${renderSvg(topology)}\n</div>`);

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // No network, no script: the report must render identically offline and can never phone home.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Private Link evidence</title>',
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = `<thead><tr>${header.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
  const bodyRows = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table>${head}<tbody>\n${bodyRows}\n</tbody></table>`;
}

function code(text: string, cls?: string): string {
  return `<code${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</code>`;
}
