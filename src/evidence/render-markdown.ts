// report.md: the summary first (and, before anything else, what could not be read), a table per subscription,
// the findings, the coverage, then the topology as a Mermaid flowchart with broken links dashed and red.

import type { EvidenceModel } from './model';
import {
  coverageSentence,
  familyName,
  findingWhere,
  rulesByCount,
  rulesCheckedSentence,
  scopeText,
  serviceRows,
  show,
  subscriptionSections,
  summarySentence,
  targetAccess,
} from './present';
import { buildTopology, type Topology } from './topology';

export function renderMarkdown(model: EvidenceModel): string {
  const out: string[] = [];
  out.push('# Private Link evidence', '');
  out.push(coverageSentence(model), '');
  out.push(summarySentence(model), '');
  out.push(
    `Generated ${model.generatedAt} by ${model.tool.name} ${model.tool.version} · cloud ${model.cloud}` +
      `${model.tenant ? ` · tenant ${model.tenant}` : ''} · scope ${scopeText(model)}` +
      `${model.scope.subscriptionIdsMasked ? ' · subscription ids masked' : ''}.`,
    '',
  );

  out.push(rulesCheckedSentence(model), '');

  const rules = rulesByCount(model);
  out.push('## Findings by rule', '');
  if (rules.length === 0) out.push('No findings.', '');
  else out.push(table(['Rule', 'Findings'], rules.map(([rule, n]) => [code(rule), String(n)])), '');

  const services = serviceRows(model);
  if (services.length > 0) {
    out.push('## Private Link services', '');
    out.push(table(['Service', 'Targets', 'Endpoints', 'Findings'], services), '');
  }

  for (const [subscription, caches, targets] of subscriptionSections(model)) {
    out.push(`## Subscription ${subscription}`, '');
    if (caches.length > 0) out.push(
      table(
        ['Cache', 'Kind', 'SKU', 'Region', 'Public access', 'Endpoints', 'Private only', 'Findings'],
        caches.map((c) => [
          show(c.name),
          familyName(c),
          show(c.sku),
          show(c.location),
          show(c.publicNetworkAccess),
          String(c.endpointIds.length),
          c.privateOnly ? 'yes' : 'no',
          String(c.findingCount),
        ]),
      ),
      '',
    );
    if (targets.length > 0) {
      out.push(
        table(
          ['Target', 'Service', 'Region', 'Public access', 'Endpoints', 'Findings'],
          targets.map((t) => [show(t.name), t.serviceName, show(t.location), targetAccess(t), String(t.endpointIds.length), String(t.findingCount)]),
        ),
        '',
      );
    }
  }

  out.push('## Findings', '');
  if (model.findings.length === 0) out.push('No findings.', '');
  else
    out.push(
      table(
        ['Severity', 'Rule', 'Source', 'Where', 'Message'],
        model.findings.map((f, i) => [f.severity, code(f.ruleId), f.source, code(findingWhere(model, i)), f.message]),
      ),
      '',
    );

  out.push('## Coverage', '');
  if (model.coverage.length === 0) out.push('No coverage recorded.', '');
  else
    out.push(
      table(
        ['Scope', 'Kind', 'Status', 'Reason'],
        model.coverage.map((c) => [c.displayName ? `${c.scope} (${c.displayName})` : c.scope, c.kind, c.status, c.reason ?? '']),
      ),
      '',
    );

  if (model.coverageNotes.length > 0) out.push('Partial reads:', '', ...model.coverageNotes.map((n) => `- ${n.replace(/[\r\n]+/g, ' ')}`), '');

  if (model.probes.length > 0) {
    out.push('## Connectivity probes', '');
    out.push(table(['Target', 'Verdict'], model.probes.map((p) => [p.target, p.verdict])), '');
  }

  const topology = buildTopology(model);
  out.push('## Topology', '');
  out.push('Cache → private endpoint → private DNS zone → linked VNets. Dashed red edges are broken links, with the reason.', '');
  if (topology.omittedCaches > 0)
    out.push(`${topology.omittedCaches} cache(s) with intact chains are left out of the picture to keep it readable; the tables above list every cache.`, '');
  out.push('```mermaid', mermaid(topology), '```', '');
  return out.join('\n');
}

export function mermaid(topology: Topology): string {
  const ids = new Map(topology.nodes.map((n, i) => [n.key, `n${i}`]));
  const lines = ['flowchart LR'];
  lines.push('  classDef ghost stroke-dasharray: 5 5,stroke:#c62828,color:#c62828,fill:#fff');
  const columnTitles = { cache: 'Caches', endpoint: 'Private endpoints', zone: 'Private DNS zones', vnet: 'Linked VNets' } as const;
  for (const column of ['cache', 'endpoint', 'zone', 'vnet'] as const) {
    const members = topology.nodes.filter((n) => n.column === column);
    if (members.length === 0) continue;
    lines.push(`  subgraph ${column}s["${columnTitles[column]}"]`);
    for (const node of members) {
      const label = node.detail ? `${node.label}<br/><small>${node.detail}</small>` : node.label;
      lines.push(`    ${ids.get(node.key)}["${mermaidText(label)}"]${node.ghost ? ':::ghost' : ''}`);
    }
    lines.push('  end');
  }
  const broken: number[] = [];
  topology.edges.forEach((edge, index) => {
    const from = ids.get(edge.from);
    const to = ids.get(edge.to);
    if (edge.broken) {
      broken.push(index);
      lines.push(`  ${from} -.->|"${mermaidText(`✗ ${edge.broken}`)}"| ${to}`);
    } else if (edge.note) lines.push(`  ${from} -->|"${mermaidText(edge.note)}"| ${to}`);
    else lines.push(`  ${from} --> ${to}`);
  });
  if (broken.length > 0) lines.push(`  linkStyle ${broken.join(',')} stroke:#c62828,stroke-width:2px,color:#c62828`);
  return lines.join('\n');
}

function mermaidText(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ');
}


function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

