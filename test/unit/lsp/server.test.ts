// The language server driven over stdio as an editor would drive it: initialize, open, diagnostics, code
// action, edit, diagnostics again; a cross-file case; pull diagnostics; hovers; a runaway analysis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CodeAction, Diagnostic, Hover } from 'vscode-languageserver/node';
import { repoRoot } from '../../support/paths';
import { applyEdits, LspTestClient, uri } from '../../support/lsp-client';

/** The example design's Bicep (cache.bicep, dns.bicep, network.bicep) in a folder of its own. */
function designFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plr-lsp-'));
  for (const file of ['cache.bicep', 'dns.bicep', 'network.bicep']) cpSync(join(repoRoot(), 'examples', 'design', 'infra', file), join(dir, file));
  return dir;
}

/** Runs `body` with a server started on a fresh copy of the design; stops it and removes the copy after. */
async function withServer(options: Parameters<typeof LspTestClient.start>[1], body: (client: LspTestClient, dir: string) => Promise<void>): Promise<void> {
  const dir = designFolder();
  const client = await LspTestClient.start(dir, options);
  try {
    await body(client, dir);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const has = (ruleId: string) => (d: Diagnostic[]) => d.some((x) => x.code === ruleId);
const lacks = (ruleId: string) => (d: Diagnostic[]) => !d.some((x) => x.code === ruleId);

test('a wrong group id is diagnosed, its quick fix applied through a code action, and the diagnostic clears', () => withServer({}, async (client, dir) => {
  const cache = join(dir, 'cache.bicep');
  const wrong = readFileSync(cache, 'utf8').replace("groupIds: ['redisCache']", "groupIds: ['redisEnterprise']");
  assert.notEqual(wrong, readFileSync(cache, 'utf8'), 'the example must contain the group id the test breaks');
  await client.open(cache, wrong);

  const diagnostics = await client.diagnostics(cache, has('group-id-mismatch'));
  const mismatch = diagnostics.find((d) => d.code === 'group-id-mismatch')!;
  assert.equal(mismatch.source, 'private-link-review');
  assert.equal(mismatch.severity, 1);
  assert.equal(wrong.split('\n')[mismatch.range.start.line].slice(mismatch.range.start.character, mismatch.range.end.character), "'redisEnterprise'");
  assert.match(mismatch.codeDescription?.href ?? '', /docs\/rules\/group-id-mismatch\.md$/);

  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri(cache) },
    range: mismatch.range,
    context: { diagnostics: [mismatch] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `a preferred quick fix among ${actions.map((a) => a.title).join(', ')}`);
  assert.ok(actions.some((a) => a.title === 'Disable group-id-mismatch for this line'));
  const edits = fix.edit!.changes![uri(cache)];
  const fixed = applyEdits(wrong, edits);
  assert.match(fixed, /groupIds: \['redisCache'\]/);

  await client.change(cache, 2, fixed);
  const after = await client.diagnostics(cache, lacks('group-id-mismatch'));
  assert.ok(!after.some((d) => d.severity === 1), `no error left: ${JSON.stringify(after)}`);
  }));

test('cross-file: the link in dns.bicep (not open) satisfies the endpoint in cache.bicep; removing it in the editor is diagnosed', () => withServer({}, async (client, dir) => {
  const cache = join(dir, 'cache.bicep');
  const dns = join(dir, 'dns.bicep');
  await client.open(cache, readFileSync(cache, 'utf8'));
  const clean = await client.diagnostics(cache, () => true);
  assert.ok(!clean.some((d) => d.code === 'dns-zone-link-missing'), `the link on disk satisfies the endpoint: ${JSON.stringify(clean)}`);
  // dns.bicep was analysed with the folder though it is not open: its (empty) diagnostics were published.
  await client.diagnostics(dns, lacks('dns-zone-link-missing'));

  const dnsText = readFileSync(dns, 'utf8');
  const withoutLink = dnsText.slice(0, dnsText.indexOf('resource hubLink'));
  await client.open(dns, withoutLink);
  const missing = await client.diagnostics(dns, has('dns-zone-link-missing'));
  assert.match(missing.find((d) => d.code === 'dns-zone-link-missing')!.message, /vnet-hub-weu/);

  await client.change(dns, 2, dnsText);
  await client.diagnostics(dns, lacks('dns-zone-link-missing'));
  }));

test('a file changed on disk (workspace/didChangeWatchedFiles) is read again', () => withServer({}, async (client, dir) => {
  const cache = join(dir, 'cache.bicep');
  const dns = join(dir, 'dns.bicep');
  await client.open(cache, readFileSync(cache, 'utf8'));
  await client.diagnostics(cache, lacks('dns-zone-link-missing'));
  const dnsText = readFileSync(dns, 'utf8');
  writeFileSync(dns, dnsText.slice(0, dnsText.indexOf('resource hubLink')));
  await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(dns), type: 2 }] });
  await client.diagnostics(dns, has('dns-zone-link-missing'));
  }));

test('pull diagnostics where the client supports them, and a hover that explains the finding', () => withServer({
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false }, hover: { contentFormat: ['markdown'] } } },
  }, async (client, dir) => {
  const cache = join(dir, 'cache.bicep');
  const text = readFileSync(cache, 'utf8').replace("groupIds: ['redisCache']", "groupIds: ['redisEnterprise']");
  await client.open(cache, text);
  const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri(cache) } })) as {
    kind: string;
    items: Diagnostic[];
  };
  assert.equal(report.kind, 'full');
  const mismatch = report.items.find((d) => d.code === 'group-id-mismatch');
  assert.ok(mismatch, JSON.stringify(report.items));
  assert.equal(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics').length, 0, 'pull clients get no pushed diagnostics');

  const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(cache) }, position: mismatch.range.start })) as Hover;
  const value = (hover.contents as { value: string }).value;
  assert.match(value, /group-id-mismatch/);
  assert.match(value, /redisEnterprise/);
  const nothing = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(cache) }, position: { line: 0, character: 0 } });
  assert.equal(nothing, null);
  }));

// A budget no real analysis fits in stands in for a file that would hang the analysis.
test('a runaway analysis is stopped: the server keeps answering, names the file and marks it analysis-incomplete', () => withServer({ initializationOptions: { timeoutMs: 1 } }, async (client, dir) => {
  const cache = join(dir, 'cache.bicep');
  await client.open(cache, readFileSync(cache, 'utf8'));
  const marked = await client.diagnostics(cache, has('analysis-incomplete'));
  assert.match(marked[0].message, /time budget/);
  const stopped = client.notifications.find((n) => n.method === 'privateLinkReview/analysisStopped');
  assert.ok(stopped, 'the client is told');
  assert.ok((stopped.params as { files: string[] }).files.includes(cache));
  // Still alive and answering.
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri(cache) }, position: { line: 0, character: 0 } });
  assert.equal(hover, null);
}));

test('a module path out of the folder is not followed: analysis-incomplete at the reference, nothing read', () => withServer({}, async (client, dir) => {
  const cache = join(dir, 'cache.bicep');
  // A file beside the folder (outside it) whose first token is a secret: it must be neither read nor quoted.
  const outside = join(dir, '..', `${basename(dir)}-secret.bicep`);
  writeFileSync(outside, 'sk-live-0123456789abcdef\n');
  const text = `${readFileSync(cache, 'utf8')}\nmodule zero '../${basename(outside)}' = {\n  name: 'zero'\n}\n`;
  await client.open(cache, text);
  const diagnostics = await client.diagnostics(cache, has('analysis-incomplete'));
  const incomplete = diagnostics.find((d) => d.code === 'analysis-incomplete')!;
  assert.equal(incomplete.severity, 1);
  assert.match(incomplete.message, /outside the analysed folder/);
  assert.equal(text.split('\n')[incomplete.range.start.line].includes('-secret.bicep'), true, 'at the module reference');
  assert.ok(!JSON.stringify(diagnostics).includes('sk-live'), 'the secret is never quoted');
  rmSync(outside, { force: true });
  }));

test('no "Disable for this line" in a terraform show -json plan (JSON has no comments); a .tf file gets a # comment', () => withServer({}, async (client, dir) => {
  const plan = join(dir, 'plan.json');
  const planText = readFileSync(join(repoRoot(), 'test', 'fixtures', 'terraform', 'plan', 'plan.json'), 'utf8');
  writeFileSync(plan, planText);
  await client.open(plan, planText);
  const diagnostics = (await client.diagnostics(plan, (d) => d.some((x) => x.source === 'private-link-review'))).filter((d) => d.source === 'private-link-review');
  assert.ok(diagnostics.length > 0, 'the plan has findings');
  for (const diagnostic of diagnostics) {
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri(plan) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    assert.ok(!actions.some((a) => a.title.startsWith('Disable ')), `${diagnostic.code}: ${actions.map((a) => a.title).join(', ')}`);
    // Whatever is offered keeps the plan valid JSON.
    for (const action of actions) {
      const edits = action.edit?.changes?.[uri(plan)];
      if (edits) JSON.parse(applyEdits(planText, edits));
    }
  }

  const tf = join(dir, 'cache.tf');
  const tfText = 'resource "azurerm_redis_cache" "c" {\n  name                = "c1"\n  resource_group_name = "rg"\n  sku_name            = "Premium"\n  family              = "P"\n  capacity            = 1\n  non_ssl_port_enabled = true\n}\n';
  writeFileSync(tf, tfText);
  await client.open(tf, tfText);
  const tfDiagnostics = await client.diagnostics(tf, has('non-tls-port-enabled'));
  const nonTls = tfDiagnostics.find((d) => d.code === 'non-tls-port-enabled')!;
  const actions = (await client.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: uri(tf) },
    range: nonTls.range,
    context: { diagnostics: [nonTls] },
  })) as CodeAction[];
  const disable = actions.find((a) => a.title === 'Disable non-tls-port-enabled for this line');
  assert.ok(disable, actions.map((a) => a.title).join(', '));
  assert.match(applyEdits(tfText, disable.edit!.changes![uri(tf)]), /\n {2}# plreview-disable-next-line non-tls-port-enabled\n {2}non_ssl_port_enabled = true/);
}));
