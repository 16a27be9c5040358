// Shared set-up for the end-to-end tests: serve dist/ on loopback, drive Debian's Chromium with
// Playwright, and record everything that would break the privacy promise or signal a bug.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const SHOTS = join(ROOT, 'test-results');
/** The built bundle under test: dist/, or the directory in the DIST environment variable. */
export const DIST = process.env.DIST ?? join(ROOT, 'dist');
mkdirSync(SHOTS, { recursive: true });

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Starts tools/serve.mjs on a port the system picks as free (a port chosen here at random could
 * be taken by one of the browser's own connections), serving DIST unless told; resolves to
 * { origin, stop }.
 */
export async function startServer(dir = DIST) {
  const child = spawn(process.execPath, [join(ROOT, 'tools', 'serve.mjs'), dir, '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start')), 10000);
    let printed = '';
    child.stdout.on('data', (chunk) => {
      printed += String(chunk);
      const found = printed.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (found) {
        clearTimeout(timer);
        resolve(found[0]);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    origin,
    stop: () => new Promise((resolve) => {
      // Stopping twice is fine: a child that was killed has a signalCode, not an exitCode.
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill();
    }),
  };
}

/**
 * Launches Chromium and opens a page that records requests to other origins, console errors and
 * warnings, page errors, dialogs and CSP violations in `watch`.
 */
export async function openApp(origin) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const watch = { foreign: [], console: [], pageErrors: [], dialogs: [], violations: [] };
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
  context.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) watch.foreign.push(url);
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      watch.console.push(`${message.type()}: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => watch.pageErrors.push(String(error)));
  page.on('dialog', async (dialog) => {
    watch.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-testid=status]');
  return {
    browser,
    page,
    watch,
    async violations() {
      watch.violations.push(...(await page.evaluate(() => window.__violations.splice(0))));
      return watch.violations;
    },
  };
}

/**
 * Waits until the status element reports one of `states` and nothing on the page is busy any
 * more (cards and table rows are drawn a few at a time, letters drafted by the worker); returns
 * the state reached.
 */
export async function waitForStatus(page, states = ['done']) {
  await page.waitForFunction(
    (wanted) => wanted.includes(document.querySelector('[data-testid=status]')?.dataset.state)
      && !document.querySelector('[aria-busy=true]'),
    states,
    { timeout: 30000 },
  );
  return page.getAttribute('[data-testid=status]', 'data-state');
}

/**
 * The letter text inside `scope` (a locator) once it matches `pattern`: letters are drafted by
 * the worker, so the text arrives a moment after the panel opens or a detail changes.
 */
export async function letterText(scope, pattern = /\S/) {
  const box = scope.locator('[data-testid=letter-text]').first();
  const deadline = Date.now() + 15000;
  for (;;) {
    const text = await box.inputValue();
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`letter never matched ${pattern}: ${text.slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Opens the app at `origin`, runs `body(page, app)`, then checks that nothing left the origin,
 * nothing broke the CSP and no dialog opened; and, unless `allowErrors`, that the page logged no
 * error or warning and threw nothing.
 */
export async function session(origin, body, { allowErrors = false } = {}) {
  const { default: assert } = await import('node:assert/strict');
  const app = await openApp(origin);
  try {
    await body(app.page, app);
    assert.deepEqual(app.watch.foreign, [], 'no request leaves the origin');
    assert.deepEqual(await app.violations(), [], 'no CSP violation');
    assert.deepEqual(app.watch.dialogs, [], 'no dialog');
    if (!allowErrors) {
      assert.deepEqual(app.watch.pageErrors, [], 'no uncaught page error');
      assert.deepEqual(app.watch.console, [], 'no console error or warning');
    }
  } finally {
    await app.browser.close();
  }
}
