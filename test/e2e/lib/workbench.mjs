// The VS Code workbench in Debian's Chromium, driven by Playwright. Selectors from
// shared/reference/real-vscode-e2e.md (verified on code-server 4.100.3).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** A failed check: carries the screenshot path so the report points at what the user would have seen. */
export class CheckFailure extends Error {
  constructor(message, screenshot) {
    super(screenshot ? `${message}\n  screenshot: ${screenshot}` : message);
    this.screenshot = screenshot;
  }
}

export class Workbench {
  constructor(page, { screenshotDir, failureDir }) {
    this.page = page;
    this.screenshotDir = screenshotDir;
    this.failureDir = failureDir;
    mkdirSync(screenshotDir, { recursive: true });
    mkdirSync(failureDir, { recursive: true });
  }

  static async open(browser, url, folder, dirs) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const bench = new Workbench(page, dirs);
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await bench.expectVisible('.monaco-workbench', 'the workbench', 60_000);
    // The status bar shows the remote connection once the extension host is up.
    await bench.expectVisible('.statusbar', 'the status bar', 30_000);
    return bench;
  }

  /** Drags the side bar's edge so tree labels are readable in the screenshots. */
  async widenSideBar(width) {
    const bar = await this.page.locator('.part.sidebar').first().boundingBox();
    if (!bar || bar.width >= width) return;
    const edge = bar.x + bar.width + 1;
    const y = bar.y + bar.height / 2;
    await this.page.mouse.move(edge, y);
    await this.page.mouse.down();
    await this.page.mouse.move(bar.x + width, y, { steps: 8 });
    await this.page.mouse.up();
  }

  /** A screenshot for the README (media/screenshots). */
  async screenshot(name) {
    const path = join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Fails loudly: what was expected, and where the screenshot of the moment is. */
  async fail(message) {
    const path = join(this.failureDir, `failure-${Date.now()}.png`);
    try {
      await this.page.screenshot({ path });
    } catch {
      throw new CheckFailure(message);
    }
    throw new CheckFailure(message, path);
  }

  async expectVisible(selectorOrLocator, what, timeout = 20_000) {
    const locator = typeof selectorOrLocator === 'string' ? this.page.locator(selectorOrLocator).first() : selectorOrLocator.first();
    try {
      await locator.waitFor({ state: 'visible', timeout });
    } catch {
      await this.fail(`expected ${what} to be visible within ${timeout} ms`);
    }
    return locator;
  }

  async expectGone(selectorOrLocator, what, timeout = 20_000) {
    const locator = typeof selectorOrLocator === 'string' ? this.page.locator(selectorOrLocator) : selectorOrLocator;
    try {
      await locator.first().waitFor({ state: 'detached', timeout });
    } catch {
      await this.fail(`expected ${what} to disappear within ${timeout} ms`);
    }
  }

  /** Runs a command through the palette by its title. */
  async runCommand(title) {
    await this.page.keyboard.press('Control+Shift+P');
    const input = await this.expectVisible('.quick-input-widget input', 'the command palette');
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title });
    await this.expectVisible(row, `the palette entry "${title}"`);
    await row.first().click();
  }

  /** Opens a file of the workspace with Quick Open. */
  async openFile(name) {
    await this.page.keyboard.press('Control+P');
    const input = await this.expectVisible('.quick-input-widget input', 'quick open');
    await input.fill(name);
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: name.split('/').pop() });
    await this.expectVisible(row, `quick open entry for ${name}`);
    await this.page.keyboard.press('Enter');
    const base = name.split('/').pop();
    await this.expectVisible(this.page.locator('.tab.active', { hasText: base }), `the editor tab of ${name}`);
    await this.expectVisible('.monaco-editor .view-lines', 'the editor text');
  }

  /**
   * Moves the cursor to the first line of `file` holding `text` (Ctrl+G) and returns the squiggle of `severity`
   * on that line: the check looks at the finding it means, not at whichever squiggle comes first.
   */
  /**
   * The on-screen box of the squiggle on the line holding `text`. Returns the box measured when the squiggle was
   * found: the editor re-renders decorations whenever diagnostics refresh, so a locator found a moment earlier
   * may be detached by the time it is measured again.
   */
  async squiggleOnLineOf(file, text, severity, timeout = 30_000) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    const index = lines.findIndex((line) => line.includes(text));
    if (index < 0) await this.fail(`${file} has no line containing ${text}`);
    await this.page.keyboard.press('Control+G');
    const input = await this.expectVisible('.quick-input-widget input', 'the Go to Line input');
    await input.fill(`:${index + 1}`);
    await this.page.keyboard.press('Enter');
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const current = await this.page.locator('.monaco-editor.focused .view-overlays .current-line').first().boundingBox().catch(() => null);
      if (current) {
        for (const squiggle of await this.page.locator(`.monaco-editor.focused .squiggly-${severity}`).all()) {
          const box = await squiggle.boundingBox().catch(() => null);
          if (box && Math.abs(box.y + box.height / 2 - (current.y + current.height / 2)) < current.height / 2) return box;
        }
      }
      await this.page.waitForTimeout(250);
    }
    return this.fail(`expected a ${severity} squiggle on line ${index + 1} of ${file} (${text})`);
  }

  async showProblems() {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) await this.page.keyboard.press('Control+Shift+M');
    await this.expectVisible('.markers-panel', 'the Problems panel');
  }

  problemRows(text) {
    return this.page.locator('.markers-panel .monaco-list-row', { hasText: text });
  }

  /** Picks the quick-pick entry with this text (a label or description). */
  async pick(text, what = `the quick-pick entry "${text}"`) {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: text });
    await this.expectVisible(row, what);
    await row.first().click();
  }
}
