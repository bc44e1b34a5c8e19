// The five things issue 8 asks a real VS Code to show, each a function of the running workbench. A check that
// cannot find what it expects fails with the screenshot path (Workbench.fail); none passes by default.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** 5 (first half): activated by the workspace's Bicep files, without the Azure SDK and before the view opened. */
export async function activationWithoutSdk({ log, bench }) {
  try {
    await log.waitFor(/\] activated in \d+ ms/, 45_000);
  } catch (error) {
    await bench.fail(`${error.message}\n${log.excerpt()}`);
  }
  const text = log.text();
  if (/\] azure sdk loaded \(/.test(text)) await bench.fail(`the Azure SDK was loaded before the Private Link view was opened\n${log.excerpt()}`);
  if (/the Private Link view was opened/.test(text)) await bench.fail('the Private Link view was opened before the check ran: the check would prove nothing');
  if (!/\] activated in \d+ ms; Azure SDK not loaded/.test(text)) await bench.fail(`activation did not report the SDK as unloaded\n${log.excerpt()}`);
  return 'activated on the workspace\'s Bicep files; Azure SDK not loaded';
}

/** 2: the wrong group id's squiggle, its hover and Problems row with the rule id, and the quick fix. */
export async function bicepGroupIdQuickFix({ bench, workspace, files }) {
  const { page } = bench;
  await bench.openFile(files.bicep);
  const at = await bench.squiggleOnLineOf(join(workspace, files.bicep), files.wrongText, 'error');
  await page.keyboard.press('Escape');
  // Move the mouse onto the squiggle itself (Playwright's hover() refuses when an editor overlay covers it).
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2 - 4, { steps: 4 });
  const hover = bench.page.locator('.monaco-hover', { hasText: 'group-id-mismatch' });
  await bench.expectVisible(hover, 'the hover naming group-id-mismatch', 15_000);
  await page.waitForTimeout(600); // the hover fades in: a picture taken at once shows the code through it
  await bench.screenshot('bicep-squiggle-hover');
  await page.mouse.move(5, 400);
  await bench.showProblems();
  const row = bench.problemRows('group-id-mismatch');
  await bench.expectVisible(row, 'a Problems-panel row with the rule id group-id-mismatch');
  await bench.screenshot('problems-panel');
  const before = await row.count();

  // Back in the editor, put the cursor on the squiggle and ask for quick fixes (Ctrl+.).
  await page.keyboard.press('Control+1');
  const box = await bench.squiggleOnLineOf(join(workspace, files.bicep), files.wrongText, 'error');
  await page.mouse.click(box.x + Math.min(8, box.width / 2), box.y + box.height / 2);
  await page.keyboard.press('Control+.');
  const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'redisCache' });
  await bench.expectVisible(fix, "the quick fix offering 'redisCache'");
  await bench.screenshot('quick-fix');
  // The action widget blocks pointer events while it opens: choose the fix with the keyboard.
  for (let i = 0; i < 12; i++) {
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    if (/redisCache/.test((await focused.first().textContent().catch(() => '')) ?? '')) break;
    await page.keyboard.press('ArrowDown');
  }
  const chosen = (await page.locator('.action-widget .monaco-list-row.focused').first().textContent().catch(() => '')) ?? '';
  if (!/redisCache/.test(chosen)) await bench.fail(`could not select the redisCache quick fix (focused: "${chosen}")`);
  await page.keyboard.press('Enter');
  const path = join(workspace, files.bicep);
  const deadline = Date.now() + 15_000;
  // The edit lands asynchronously after the action widget closes, and a save pressed before it can be swallowed:
  // save again every second until the file on disk holds the fix (the editor buffer is checked by the save).
  for (let attempt = 0; !readFileSync(path, 'utf8').includes(files.fixedText); attempt++) {
    if (Date.now() > deadline) await bench.fail(`${files.bicep} on disk does not hold ${files.fixedText} after the quick fix and save`);
    if (attempt % 5 === 0) await page.keyboard.press('Control+S');
    await page.waitForTimeout(200);
  }
  const gone = Date.now() + 15_000;
  while ((await row.count()) >= before) {
    if (Date.now() > gone) await bench.fail(`the group-id-mismatch row is still in the Problems panel after the quick fix (${before} before)`);
    await page.waitForTimeout(200);
  }
  return `squiggle, hover and Problems row with group-id-mismatch; the quick fix wrote ${files.fixedText} and the finding went away`;
}

/** Terraform: a `.tf` file opens as language `terraform` (declared by this extension) and shows the squiggle. */
export async function terraformSquiggle({ bench, workspace, files }) {
  await bench.openFile(files.terraform);
  await bench.squiggleOnLineOf(join(workspace, files.terraform), files.terraformWrongText, 'error');
  await bench.page.keyboard.press('Escape');
  await bench.showProblems();
  // Narrowed to the file first: the Problems list is virtualised, and the other examples' findings push it out of view.
  const filter = bench.page.getByPlaceholder(/^Filter \(e\.g\. text/).first();
  await bench.expectVisible(filter, 'the Problems panel filter');
  await filter.fill(files.terraform.split('/').pop());
  const row = bench.problemRows('group-id-mismatch').filter({ hasText: 'redisEnterprise' });
  await bench.expectVisible(row, 'a Problems-panel row with group-id-mismatch for the Terraform module argument');
  await filter.fill('');
  return `error squiggle on the module argument in ${files.terraform} and its Problems row`;
}

/**
 * 3: a YAML design's client whose network is not linked to the zone its cache uses. The examples split the design
 * across files (the zone is in infra/dns.bicep, the client in the YAML review), so the finding sits on the zone
 * and its related information points into the YAML design. The picture shows the zone's squiggle and, with the
 * Problems panel narrowed to this finding, every related line, the YAML client's among them.
 */
export async function yamlZoneNotLinked({ bench, workspace, files }) {
  const { page } = bench;
  await bench.openFile(files.yaml);
  await bench.showProblems();
  // Narrowed to this finding first: the Problems list is virtualised, and other findings would push it out of view.
  const filter = page.getByPlaceholder(/^Filter \(e\.g\. text/).first();
  await bench.expectVisible(filter, 'the Problems panel filter');
  await filter.fill(files.unlinkedNetwork);
  const row = bench.problemRows('dns-zone-link-missing').filter({ hasText: files.unlinkedNetwork });
  const yamlName = files.yaml.split('/').pop();
  const related = bench.page.locator('.markers-panel .monaco-list-row', { hasText: `${yamlName}[` });
  await bench.expectVisible(related, `the finding's related information pointing into ${yamlName}`);
  // The zone's own file, with the squiggle on the zone's name.
  await bench.openFile(files.zoneFile);
  await bench.squiggleOnLineOf(join(workspace, files.zoneFile), files.zoneText, 'error');
  await page.keyboard.press('Escape');
  await bench.expectVisible(related, `the related line into ${yamlName}, still shown`);
  await page.mouse.move(5, 400);
  await page.waitForTimeout(300);
  await bench.screenshot('yaml-zone-not-linked');
  await filter.fill('');
  return `dns-zone-link-missing for ${files.unlinkedNetwork}: squiggle in ${files.zoneFile}, related to ${yamlName}`;
}

/** The injection grammar in a real VS Code: a privatelink.* zone in a YAML design carries our scope. */
export async function grammarScopes({ bench, workspace, files }) {
  const { page } = bench;
  await bench.openFile(files.grammarYaml);
  const path = join(workspace, files.grammarYaml);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const line = lines.findIndex((l) => l.includes('privatelink.'));
  if (line < 0) await bench.fail(`${files.grammarYaml} names no privatelink.* zone`);
  const column = lines[line].indexOf('privatelink.') + 4;
  await page.keyboard.press('Control+G');
  const input = await bench.expectVisible('.quick-input-widget input', 'the Go to Line input');
  await input.fill(`:${line + 1}:${column}`);
  await page.keyboard.press('Enter');
  await bench.runCommand('Developer: Inspect Editor Tokens and Scopes');
  const widget = page.locator('.token-inspect-widget', { hasText: 'support.type.private-dns-zone.plreview' });
  await bench.expectVisible(widget, 'the token inspector showing support.type.private-dns-zone.plreview', 15_000);
  await bench.screenshot('grammar-scopes');
  await page.keyboard.press('Escape');
  return `${files.grammarYaml}:${line + 1}: support.type.private-dns-zone.plreview inside the YAML string scope`;
}

/** 1: the Private Link view over the emulator: subscriptions, caches, endpoints, zones, another service's group, error markers, the refusing subscription. */
export async function estateTree({ bench, log, estate }) {
  const { page } = bench;
  await page.locator('.activitybar [aria-label^="Private Link"]').first().click();
  await bench.widenSideBar(520);
  // Tree items of the side bar only: the Problems panel is an accessible tree too.
  const item = (name) => page.locator('.part.sidebar').getByRole('treeitem', { name });
  for (const subscription of estate.subscriptions) {
    await bench.expectVisible(item(new RegExp(`^${escape(subscription)}`)), `the subscription "${subscription}" in the Private Link view`, 45_000);
  }
  await bench.expectVisible(item(new RegExp(`^${escape(estate.failedSubscription)}: could not be read`)), `the failed-subscription node for "${estate.failedSubscription}"`);
  await bench.expectVisible(item(new RegExp(`^${escape(estate.brokenCache)}\\b.*, error$`)), `the cache "${estate.brokenCache}" with its error marker`);
  await bench.expectVisible(item(new RegExp(`^${escape(estate.healthyCache)}\\b`)), `the cache "${estate.healthyCache}"`);
  // Another service, grouped by its catalog name after the caches (checked before the cache's chain is expanded, which pushes it down), with its problem marked on the group and target.
  const group = item(new RegExp(`^${escape(estate.brokenServiceGroup)}\\b.*, error$`));
  await bench.expectVisible(group, `the "${estate.brokenServiceGroup}" service group with its error marker`, 30_000);
  await group.first().click();
  await bench.expectVisible(item(new RegExp(`^${escape(estate.brokenTarget)}\\b.*, error$`)), `the target "${estate.brokenTarget}" with its error marker`);
  // Down the chain of the broken cache: endpoint → zone group (expanded) → zone.
  await item(new RegExp(`^${escape(estate.brokenCache)}\\b`)).first().click();
  const endpoint = item(/\bredis(Cache|Enterprise)\b/).first();
  await bench.expectVisible(endpoint, `a private endpoint under ${estate.brokenCache}`);
  await endpoint.click();
  await bench.expectVisible(item(/^privatelink\./), 'a privatelink.* zone under the endpoint', 20_000);
  await page.mouse.move(700, 500);
  await bench.screenshot('estate-tree');
  return `subscriptions ${estate.subscriptions.join(', ')}; ${estate.brokenCache} marked error; failed node for ${estate.failedSubscription}; endpoint and zone shown; ${estate.brokenServiceGroup} group and ${estate.brokenTarget} marked error`;
}

/** 5 (second half): the SDK loaded only after the view opened. */
export async function sdkLoadedAfterView({ log, bench }) {
  try {
    await log.waitFor(/\] azure sdk loaded \(/, 30_000);
  } catch (error) {
    await bench.fail(`${error.message}\n${log.excerpt()}`);
  }
  const opened = log.lineOf(/the Private Link view was opened/);
  const loaded = log.lineOf(/\] azure sdk loaded \(/);
  const activated = log.lineOf(/\] activated in/);
  if (!(activated >= 0 && opened > activated && loaded > opened)) {
    await bench.fail(`expected activated < view opened < azure sdk loaded in the log (lines ${activated}, ${opened}, ${loaded})\n${log.excerpt()}`);
  }
  return 'log order: activated → view opened → azure sdk loaded';
}

/** 4: Export Evidence… from the command palette writes the bundle; SHA256SUMS verifies. */
export async function exportEvidence({ bench, outDir }) {
  const { page } = bench;
  await bench.runCommand('Private Link Review: Export Evidence…');
  await bench.pick('Live estate', 'the "Live estate" scope in the Export Evidence quick pick');
  // code-server's save dialog is VS Code's simple file dialog: a quick input holding a path.
  await bench.expectVisible(page.locator('.quick-input-widget .quick-input-title', { hasText: 'folder for the bundle' }), 'the save dialog');
  const input = page.locator('.quick-input-widget input').first();
  // The dialog fills in its default path asynchronously while it lists the folder: type once it has settled.
  for (let attempt = 0; attempt < 5 && (await input.inputValue()) !== outDir; attempt++) {
    await page.waitForTimeout(700);
    await input.fill(outDir);
  }
  await page.waitForTimeout(300);
  if ((await input.inputValue()) !== outDir) await bench.fail(`the save dialog did not take the path ${outDir}`);
  await page.keyboard.press('Enter');
  const done = page.locator('.notifications-toasts .notification-toast', { hasText: 'Evidence written to' });
  await bench.expectVisible(done, 'the "Evidence written to" notification', 60_000);
  await done.getByRole('button', { name: 'Open Report' }).click();
  // The rendered report.html in a webview (no script, strict policy), not report.md's source.
  await bench.expectVisible(page.locator('.tab.active', { hasText: 'Evidence report' }), 'the evidence report tab');
  const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  await bench.expectVisible(report.locator('h1', { hasText: 'Private Link evidence' }), 'the rendered report heading', 20_000);
  // The report gets the whole editor height: the Problems panel, open since check 2, is put away.
  if (await page.locator('.part.panel .markers-panel').isVisible().catch(() => false)) await bench.runCommand('View: Toggle Panel Visibility');
  const summary = report.locator('p', { hasText: /caches? in scope/ }).first();
  await bench.expectVisible(summary, 'the report summary');
  // The summary must be on the first screen, not below the fold.
  const box = await summary.boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport || box.y + box.height > viewport.height) await bench.fail(`the report summary is not on the first screen (${JSON.stringify(box)})`);
  await page.mouse.move(5, 400);
  await page.waitForTimeout(500);
  await bench.screenshot('evidence-report');
  const sums = join(outDir, 'SHA256SUMS');
  if (!existsSync(sums)) await bench.fail(`${sums} was not written`);
  const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: outDir, encoding: 'utf8' });
  if (check.status !== 0) await bench.fail(`sha256sum -c failed in ${outDir}:\n${check.stdout}${check.stderr}`);
  const verified = check.stdout.trim().split('\n').filter((l) => / OK$/.test(l));
  if (verified.length < 5) await bench.fail(`expected the 5 bundle files in SHA256SUMS, verified ${verified.length}:\n${check.stdout}`);
  return `${verified.length} files verified by sha256sum -c in ${outDir}`;
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
