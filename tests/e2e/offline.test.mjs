// The installable offline app in Chromium: the manifest and its icons, the service worker's
// precache (opens and analyses a statement with the server stopped), files handed over by the
// operating system, and the update path (old build until the person reloads, never a mix).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { DIST, FIXTURES, ROOT, SHOTS, session as openSession, startServer, waitForStatus } from './helpers.mjs';

const STATEMENT = join(FIXTURES, 'generated', 'p11_00_alipay.csv');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const temporary = [];
/** A private copy of the built bundle, removed when the tests end. */
function copyOfDist() {
  const dir = mkdtempSync(join(tmpdir(), 'statement-checker-dist-'));
  cpSync(DIST, dir, { recursive: true });
  temporary.push(dir);
  return dir;
}
after(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** The precache list tools/precache.mjs wrote into a bundle's sw.js. */
function precacheOf(dir) {
  const line = readFileSync(join(dir, 'sw.js'), 'utf8').match(/^const PRECACHE = (.*);$/m);
  assert.ok(line, 'sw.js has its PRECACHE line');
  return JSON.parse(line[1]);
}

/** Runs tools/precache.mjs on `dir`, as the Trunk hook does after a build. */
function runPrecache(dir) {
  const run = spawnSync(process.execPath, [join(ROOT, 'tools', 'precache.mjs'), dir], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
}

/** Every file in `dir`, relative, with `/` separators. */
function filesIn(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath ?? e.path, e.name)).split(sep).join('/'))
    .sort();
}

/** Waits until the service worker is active and controls the page (reloading once if needed). */
async function waitForControl(page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const controlled = () => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
  try {
    await controlled();
  } catch {
    await page.reload();
    await page.waitForSelector('[data-testid=status]');
    await controlled();
  }
}

/** sha256 of what the page gets for `path` (through its service worker, when it has one). */
function servedHash(page, path) {
  return page.evaluate(async (url) => {
    const response = await fetch(url);
    const digest = await crypto.subtle.digest('SHA-256', await response.arrayBuffer());
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, path);
}

/** A session on `server`. */
const session = (server, body) => openSession(server.origin, body);

/** Width and height from a PNG's header. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('the precache list written at build time', () => {
  it('lists every file of the bundle with its hash, and changes with any file', () => {
    const dir = copyOfDist();
    const built = precacheOf(dir);
    assert.match(built.version, /^[0-9a-f]{16}$/);
    const expected = filesIn(dir).filter((path) => path !== 'sw.js');
    assert.deepEqual(built.files.map((f) => f.path), expected, 'every file but the worker itself');
    for (const path of ['index.html', 'boot.js', 'pwa.js', 'manifest.webmanifest', 'engine_loader.js', 'icons/icon-512.png']) {
      assert.ok(expected.includes(path), `${path} is in the bundle`);
    }
    for (const { path, sha256: listed } of built.files) {
      assert.equal(listed, sha256(readFileSync(join(dir, path))), `${path} hash`);
    }

    const before = readFileSync(join(dir, 'sw.js'));
    runPrecache(dir);
    assert.ok(readFileSync(join(dir, 'sw.js')).equals(before), 'running it again on the same files changes nothing');

    appendFileSync(join(dir, 'boot.js'), '\n// another build\n');
    runPrecache(dir);
    const next = precacheOf(dir);
    assert.notEqual(next.version, built.version, 'a changed file gives a new version');
    const changed = next.files.filter((f, i) => f.sha256 !== built.files[i].sha256).map((f) => f.path);
    assert.deepEqual(changed, ['boot.js']);
  });
});

describe('the installable app', () => {
  it('links a manifest with the install fields, file handlers and loadable icons', async () => {
    const server = await startServer();
    try {
      await session(server, async (page) => {
        const href = await page.getAttribute('link[rel=manifest]', 'href');
        assert.ok(href, 'the page links a manifest');
        const manifest = await page.evaluate(async (url) => {
          const response = await fetch(url);
          return { type: response.headers.get('content-type'), text: await response.text() };
        }, href);
        assert.equal(manifest.type, 'application/manifest+json');
        const m = JSON.parse(manifest.text);
        assert.equal(m.name, '账单体检 Statement Checker');
        assert.ok(m.short_name && m.short_name.length <= 12, `short name (${m.short_name})`);
        assert.ok(m.description);
        assert.equal(m.start_url, './');
        assert.equal(m.scope, './');
        assert.equal(m.display, 'standalone');
        assert.match(m.theme_color, /^#[0-9a-f]{6}$/i);
        assert.match(m.background_color, /^#[0-9a-f]{6}$/i);

        const accepted = Object.values(m.file_handlers[0].accept).flat();
        for (const ext of ['.csv', '.xlsx', '.ofx', '.qfx']) assert.ok(accepted.includes(ext), `opens ${ext} files`);
        assert.deepEqual(m.file_handlers[0].accept['text/csv'], ['.csv']);
        assert.deepEqual(m.file_handlers[0].accept['application/x-ofx'], ['.ofx', '.qfx']);
        assert.equal(new URL(m.file_handlers[0].action, new URL(href, server.origin)).href, `${server.origin}/`);
        assert.ok(m.launch_handler?.client_mode, 'launch_handler');

        const pngs = m.icons.filter((icon) => icon.type === 'image/png');
        const sizes = pngs.map((icon) => icon.sizes);
        assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), `192 and 512 icons (${sizes})`);
        assert.ok(pngs.some((icon) => icon.purpose === 'maskable'), 'a maskable icon');
        const links = await page.$$eval('link[rel=icon], link[rel=apple-touch-icon]', (els) => els.map((e) => e.getAttribute('href')));
        for (const src of [...m.icons.map((icon) => icon.src), ...links]) {
          const icon = await page.evaluate(async (url) => {
            const response = await fetch(url);
            return { status: response.status, type: response.headers.get('content-type'), bytes: [...new Uint8Array(await response.arrayBuffer())] };
          }, src);
          assert.equal(icon.status, 200, `${src} loads`);
          const declared = m.icons.find((i) => i.src === src);
          if (src.endsWith('.png')) {
            assert.equal(icon.type, 'image/png', `${src} type`);
            const size = pngSize(Buffer.from(icon.bytes));
            if (declared) assert.equal(size, declared.sizes, `${src} is as large as the manifest says`);
          } else {
            assert.equal(icon.type, 'image/svg+xml', `${src} type`);
          }
        }
        assert.equal(await page.getAttribute('meta[name=theme-color]', 'content'), m.theme_color);
      });
    } finally {
      await server.stop();
    }
  });

  it('opens and analyses a statement after the server has stopped', async () => {
    const server = await startServer();
    try {
      await session(server, async (page) => {
        await waitForControl(page);
        await server.stop();

        const responses = [];
        page.on('response', (response) => responses.push(response));
        await page.reload();
        assert.equal(await waitForStatus(page, ['idle']), 'idle');
        assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'controlled after the reload');
        assert.ok(responses.length > 0);
        const fromNetwork = responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url());
        assert.deepEqual(fromNetwork, [], 'every file comes from the service worker');

        await page.setInputFiles('[data-testid=file-input]', STATEMENT);
        assert.equal(await waitForStatus(page), 'done');
        assert.ok((await page.locator('[data-testid=stream]').count()) >= 1, 'findings are shown');
        assert.ok(Number(await page.textContent('[data-testid=file-count]')) > 0);
        await page.screenshot({ path: join(SHOTS, 'offline.png'), fullPage: false });
      });
    } finally {
      await server.stop();
    }
  });

  it('reads files the operating system opens with the installed app like picked files', async () => {
    const server = await startServer();
    try {
      await session(server, async (page) => {
        // Headless Chromium never launches with files; stand in for its launch queue.
        await page.context().addInitScript(() => {
          Object.defineProperty(window, 'launchQueue', {
            configurable: true,
            value: { setConsumer: (consumer) => { window.__launchConsumer = consumer; } },
          });
        });
        await page.reload();
        await page.waitForFunction(() => typeof window.__launchConsumer === 'function');
        await page.evaluate(async ({ name, bytes }) => {
          const file = new File([new Uint8Array(bytes)], name, { type: 'text/csv' });
          const folder = { kind: 'directory', name: 'ignored' };
          await window.__launchConsumer({ files: [folder, { kind: 'file', getFile: async () => file }] });
        }, { name: 'p11_00_alipay.csv', bytes: [...readFileSync(STATEMENT)] });
        assert.equal(await waitForStatus(page), 'done');
        assert.match(await page.textContent('[data-testid=file-card] h3'), /p11_00_alipay\.csv/);

        await page.setInputFiles('[data-testid=file-input]', STATEMENT);
        await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-count]').length === 2);
        assert.equal(await waitForStatus(page), 'done');
        const counts = await page.locator('[data-testid=file-count]').allTextContents();
        assert.equal(counts[0], counts[1], `the launched file reads as the picked one (${counts})`);
      });
    } finally {
      await server.stop();
    }
  });

  it('keeps the old build until the person reloads, then moves wholly to the new one', async () => {
    const dir = copyOfDist();
    const server = await startServer(dir);
    try {
      await session(server, async (page) => {
        await waitForControl(page);
        const stylesheet = await page.getAttribute('link[rel=stylesheet]', 'href');
        const wasm = await page.getAttribute('script[data-wasm]', 'data-wasm');
        const old = Object.fromEntries(
          ['index.html', 'boot.js', stylesheet, wasm].map((p) => [p, sha256(readFileSync(join(dir, p)))]),
        );
        const oldVersion = precacheOf(dir).version;

        // A new build on the server: a changed loader and stylesheet (and the page's hash of it).
        appendFileSync(join(dir, 'boot.js'), "\ndocument.documentElement.dataset.build = 'next';\n");
        appendFileSync(join(dir, stylesheet), '\n.update-banner { outline: 0; }\n');
        const integrity = `sha384-${createHash('sha384').update(readFileSync(join(dir, stylesheet))).digest('base64')}`;
        const html = readFileSync(join(dir, 'index.html'), 'utf8');
        writeFileSync(join(dir, 'index.html'), html.replace(/integrity="sha384-[^"]+"/, `integrity="${integrity}"`));
        runPrecache(dir);
        const newVersion = precacheOf(dir).version;
        assert.notEqual(newVersion, oldVersion);

        const responses = [];
        page.on('response', (response) => responses.push(response));
        await page.reload();
        assert.equal(await waitForStatus(page, ['idle']), 'idle');
        const banner = page.locator('[data-testid=update-banner]');
        await banner.waitFor({ timeout: 30000 });
        assert.match(await banner.textContent(), /新版本已就绪/);

        // Still wholly the old build: every file from the old cache, none of the new ones.
        page.removeAllListeners('response');
        assert.deepEqual(responses.filter((r) => !r.fromServiceWorker()).map((r) => r.url()), []);
        for (const [path, hash] of Object.entries(old)) {
          assert.equal(await servedHash(page, path), hash, `${path} is the old build's`);
        }
        assert.equal(await page.evaluate(() => document.documentElement.dataset.build), undefined);

        // On a phone the banner stays on screen.
        await page.setViewportSize({ width: 360, height: 740 });
        const box = await banner.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= 360 && box.y + box.height <= 740, `banner on screen (${JSON.stringify(box)})`);
        await page.screenshot({ path: join(SHOTS, 'update-banner-phone.png'), fullPage: false });
        await page.setViewportSize({ width: 1280, height: 900 });

        // The banner follows the app's language.
        await page.click('[data-testid=lang]');
        await page.locator('[data-testid=update-banner]:has-text("A new version is ready")').waitFor();
        await page.evaluate(() => { document.documentElement.lang = 'zh-Hant'; });
        await page.locator('[data-testid=update-banner]:has-text("新版本已就緒")').waitFor();
        await page.evaluate(() => { document.documentElement.lang = 'en'; });
        await page.screenshot({ path: join(SHOTS, 'update-banner.png'), fullPage: false });

        await Promise.all([page.waitForEvent('load'), page.click('[data-testid=update-reload]')]);
        await page.waitForFunction(() => document.documentElement.dataset.build === 'next', null, { timeout: 30000 });
        assert.equal(await waitForStatus(page, ['idle']), 'idle');
        for (const path of Object.keys(old)) {
          assert.equal(await servedHash(page, path), sha256(readFileSync(join(dir, path))), `${path} is the new build's`);
        }
        const caches = await page.evaluate(() => caches.keys());
        assert.deepEqual(caches.filter((name) => name.startsWith('statement-checker ')).map((name) => name.split(' ').pop()), [newVersion],
          'only the new build is kept');
        assert.equal(await page.locator('[data-testid=update-banner]').count(), 0);
      });
    } finally {
      await server.stop();
    }
  });
});
