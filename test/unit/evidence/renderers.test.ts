// Properties of the renderers beyond the golden files: the HTML is self-contained, the CSV is RFC 4180 and one
// row per path, the topology draws broken links as such, and the Markdown opens with what was not covered.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCsv, csvField, CSV_COLUMNS } from '../../../src/evidence/render-csv';
import { renderHtml } from '../../../src/evidence/render-html';
import { renderMarkdown } from '../../../src/evidence/render-markdown';
import { buildTopology } from '../../../src/evidence/topology';
import type { EvidenceModel } from '../../../src/evidence/model';
import { estateModel } from './support';

test('report.html makes no external request: no script, no src or href to any host, a CSP that forbids them', () => {
  const html = renderHtml(estateModel());
  assert.doesNotMatch(html, /<script/i);
  assert.doesNotMatch(html, /<link\b/i);
  assert.doesNotMatch(html, /@import|url\(/i);
  const refs = [...html.matchAll(/\b(?:src|href|xlink:href|action)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]);
  assert.deepEqual(refs.filter((r) => /^(https?:)?\/\//i.test(r)), [], 'external references');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /<svg class="topology"/);
  assert.match(html, /@media print/);
});

test('report.html escapes what the estate says (a tag or a name cannot inject markup)', () => {
  const model = estateModel();
  const evil: EvidenceModel = { ...model, caches: model.caches.map((c, i) => (i === 0 ? { ...c, name: '<img src=https://evil.example/x>' } : c)) };
  const html = renderHtml(evil);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&lt;img src=https:\/\/evil\.example\/x&gt;/);
});

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
      else if (ch === '"') (quoted = false), i++;
      else (field += ch), i++;
    } else if (ch === '"' && field === '') (quoted = true), i++;
    else if (ch === ',') row.push(field), (field = ''), i++;
    else if (ch === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
    else if (ch === '\n' || ch === '"') throw new Error(`bare ${JSON.stringify(ch)} at ${i}`);
    else (field += ch), i++;
  }
  assert.equal(field, '', 'the file ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

test('resources.csv is RFC 4180: commas, quotes and line breaks survive a strict reader', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  const model = estateModel();
  const awkward = 'cache, "the \nold" one';
  const odd: EvidenceModel = { ...model, caches: model.caches.map((c, i) => (i === 0 ? { ...c, name: awkward } : c)) };
  const rows = parseCsv(renderCsv(odd));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  assert.ok(rows.every((r) => r.length === CSV_COLUMNS.length));
  assert.equal(rows[1][CSV_COLUMNS.indexOf('cache_name')], awkward);
});

test('resources.csv has one row per cache → endpoint → zone → link path, gaps included', () => {
  const rows = parseCsv(renderCsv(estateModel())).slice(1);
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  const paths = rows.map((r) => [r[col('cache_name')], r[col('endpoint_name')], r[col('zone_name')], r[col('link_name')]]);
  assert.deepEqual(paths, [
    ['cache-trading-weu', 'pe-trading-weu', 'privatelink.redis.cache.windows.net', 'link-app'],
    ['amr-trading', 'pe-amr-trading', 'privatelink.redis.azure.net', ''],
    ['cache-legacy', '', '', ''],
    ['', 'pe-retired', '', ''],
  ]);
  assert.equal(rows[0][col('cache_a_record_ips')], '10.0.1.4');
  assert.equal(rows[1][col('connection_type')], 'manual');
  assert.equal(rows[1][col('connection_state')], 'Pending');
});

test('the topology marks each broken link with its reason and leaves intact links plain', () => {
  const topology = buildTopology(estateModel());
  const label = (key: string) => topology.nodes.find((n) => n.key === key)?.label ?? key;
  const edges = topology.edges.map((e) => `${label(e.from)} → ${label(e.to)}${e.broken ? ` ✗ ${e.broken}` : ''}`);
  assert.deepEqual(edges, [
    'cache-trading-weu → pe-trading-weu',
    'pe-trading-weu → privatelink.redis.cache.windows.net',
    'privatelink.redis.cache.windows.net → vnet-app',
    'amr-trading → pe-amr-trading ✗ group id redisCache, pending',
    'pe-amr-trading → privatelink.redis.azure.net',
    'privatelink.redis.azure.net → vnet-app ✗ not linked',
    'cache-legacy → no private endpoint ✗ no private endpoint',
  ]);
  assert.equal(topology.omittedCaches, 0);
});

test('a large scope keeps the picture readable: broken chains first, the rest counted as omitted', () => {
  const model = estateModel();
  const topology = buildTopology(model, 2);
  assert.equal(topology.omittedCaches, 1);
  const caches = topology.nodes.filter((n) => n.column === 'cache').map((n) => n.label);
  assert.deepEqual(caches.sort(), ['amr-trading', 'cache-legacy'], 'the intact cache is the one left out');
  assert.match(renderMarkdown(model), /```mermaid\nflowchart LR\n/);
});

test('report.md: the first paragraph names what could not be read; a full read says so', () => {
  const model = estateModel();
  const first = renderMarkdown(model).split('\n\n')[1];
  assert.match(first, /^NOT COVERED: 1 scope could not be read.*subscription 33333333-3333-3333-3333-333333333333 \(University\): 403/);
  const full: EvidenceModel = { ...model, coverage: model.coverage.filter((c) => c.status === 'read') };
  assert.equal(renderMarkdown(full).split('\n\n')[1], 'Coverage: all 3 scopes in scope were read.');
});
