// The topology as inline SVG, laid out by hand in four columns (caches, endpoints, zones, VNets): no layout
// engine, no script, no external font, so report.html stays one self-contained file that prints.

import { TOPOLOGY_COLUMNS, type Topology, type TopologyNode } from './topology';
import { escapeHtml } from './html-escape';

const COLUMN_WIDTH = 250;
const GAP = 140;
const NODE_HEIGHT = 44;
const ROW = 56;
const TOP = 36;
const TITLES = { cache: 'Caches', endpoint: 'Private endpoints', zone: 'Private DNS zones', vnet: 'Linked VNets' } as const;

export function renderSvg(topology: Topology): string {
  const position = new Map<string, { x: number; y: number }>();
  const rows = { cache: 0, endpoint: 0, zone: 0, vnet: 0 };
  for (const node of topology.nodes) {
    const column = TOPOLOGY_COLUMNS.indexOf(node.column);
    position.set(node.key, { x: column * (COLUMN_WIDTH + GAP), y: TOP + rows[node.column]++ * ROW });
  }
  const width = TOPOLOGY_COLUMNS.length * COLUMN_WIDTH + (TOPOLOGY_COLUMNS.length - 1) * GAP;
  const height = TOP + Math.max(1, ...Object.values(rows)) * ROW;

  const parts: string[] = [];
  parts.push(
    `<svg class="topology" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Private Link topology">`,
  );
  TOPOLOGY_COLUMNS.forEach((column, i) => {
    parts.push(`<text class="column-title" x="${i * (COLUMN_WIDTH + GAP)}" y="16">${TITLES[column]}</text>`);
  });
  const labels: string[] = [];
  for (const edge of topology.edges) {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + COLUMN_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const mid = (x1 + x2) / 2;
    const cls = edge.broken ? 'edge broken' : 'edge';
    const label = edge.broken ? `✗ ${edge.broken}` : edge.note;
    const title = label ? `<title>${escapeHtml(label)}</title>` : '';
    parts.push(`<path class="${cls}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}">${title}</path>`);
    // Labels are drawn after the nodes, haloed, so a long reason never hides behind a box.
    if (label) {
      labels.push(`<text class="${edge.broken ? 'edge-label broken' : 'edge-label'}" x="${mid}" y="${(y1 + y2) / 2 - 4}" text-anchor="middle">${escapeHtml(clip(label, 22))}</text>`);
    }
  }
  for (const node of topology.nodes) parts.push(nodeSvg(node, position.get(node.key)!));
  parts.push(...labels);
  parts.push('</svg>');
  return parts.join('\n');
}

function nodeSvg(node: TopologyNode, at: { x: number; y: number }): string {
  const cls = `node ${node.column}${node.ghost ? ' ghost' : ''}`;
  const label = clip(node.label, 38);
  const detail = clip(node.detail, 42);
  return (
    `<g class="${cls}"><title>${escapeHtml(node.label)}${node.detail ? ` — ${escapeHtml(node.detail)}` : ''}</title>` +
    `<rect x="${at.x}" y="${at.y}" width="${COLUMN_WIDTH}" height="${NODE_HEIGHT}" rx="6"/>` +
    `<text x="${at.x + 8}" y="${at.y + 18}">${escapeHtml(label)}</text>` +
    (detail ? `<text class="detail" x="${at.x + 8}" y="${at.y + 35}">${escapeHtml(detail)}</text>` : '') +
    '</g>'
  );
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
