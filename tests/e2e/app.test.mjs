// The user's journey in Chromium: open the built app, upload real-format statements, read the
// table; and the privacy promise: no request leaves the page's origin, no CSP violation, no error.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, FIXTURES, SHOTS, session as openSession, letterText, startServer, waitForStatus } from './helpers.mjs';

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const rank = (level) => ({ high: 0, medium: 1, low: 2 })[level];

/** A fixture as an in-memory upload (Playwright cannot mix paths and buffers in one call). */
function fixtureFile(path) {
  return { name: path.split('/').pop(), mimeType: 'text/csv', buffer: readFileSync(join(FIXTURES, path)) };
}

/** A session on this file's server. */
const session = (body, options) => openSession(server.origin, body, options);

describe('statement checker in Chromium', () => {
  it('reads an uploaded Alipay GBK export into the table', async () => {
    await session(async (page) => {
      const privacy = await page.textContent('[data-testid=privacy]');
      assert.match(privacy, /不会上传|Nothing is uploaded/);
      assert.equal(await page.getAttribute('[data-testid=status]', 'data-state'), 'idle');

      await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'generated', 'p11_00_alipay.csv'));
      assert.equal(await waitForStatus(page), 'done');

      assert.equal(await page.textContent('[data-testid=file-count]'), '649');
      assert.equal(await page.textContent('[data-testid=file-period]'), '2025-08-28 – 2026-09-28');
      assert.match(await page.textContent('[data-testid=file-format]'), /支付宝/);
      assert.equal(await page.locator('[data-testid=file-error]').count(), 0);

      const rows = page.locator('[data-testid=transaction]');
      assert.equal(await rows.count(), 100, 'one page of the table');
      const first = await rows.first().locator('td').allTextContents();
      assert.deepEqual(first, [
        '2026-09-28 19:09:37', '滴滴出行', '滴滴出行订单', '支出', '52.29 CNY', '交易成功', '余额宝',
        'p11_00_alipay.csv:26',
      ]);
      assert.equal(await page.textContent('[data-testid=page]'), '1 / 7');
      await page.click('[data-testid=page-next]');
      assert.equal(await page.textContent('[data-testid=page]'), '2 / 7');
      assert.match(await rows.first().locator('td.source').textContent(), /p11_00_alipay\.csv:\d+/);
      await page.click('[data-testid=page-prev]');
      assert.equal(await page.textContent('[data-testid=page]'), '1 / 7');

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, 'upload-alipay.png'), fullPage: false });
    });
  });

  it('loads the demo with one click and switches language', async () => {
    await session(async (page) => {
      await page.click('[data-testid=demo]');
      assert.equal(await waitForStatus(page), 'done');
      const count = Number(await page.textContent('[data-testid=file-count]'));
      assert.ok(count > 700, `demo has a year of rows (${count})`);

      // Findings: the suspicious streams first, with reasons; the duplicate as an alert.
      const levels = await page.locator('[data-testid=stream]').evaluateAll((els) => els.map((e) => e.dataset.level));
      assert.ok(levels.length >= 5, `streams shown (${levels})`);
      assert.equal(levels[0], 'high');
      assert.deepEqual([...levels].sort((a, b) => rank(a) - rank(b)), levels, 'most suspicious first');
      const insurance = page.locator('[data-testid=stream][data-counterparty="安心保险经纪有限公司"]');
      assert.equal(await insurance.getAttribute('data-level'), 'high');
      assert.match(await insurance.textContent(), /保费/);
      assert.equal(await page.locator('[data-testid=alert][data-level=high]').count(), 1);
      await page.screenshot({ path: join(SHOTS, 'demo-findings.png'), fullPage: true });

      // A letter from the first (most suspicious) stream lists exactly its rows as evidence.
      const first = page.locator('[data-testid=stream]').first();
      const rows = (await first.locator('details .evidence').textContent()).split(', ').map((r) => r.split(':')[1]);
      await first.locator('[data-testid=letter-open]').click();
      const letter = await letterText(first);
      for (const line of rows) assert.match(letter, new RegExp(`第 ${line} 行`), `row ${line} is in the letter`);
      assert.match(letter, /【请填写：/, 'missing sender details are marked blanks');
      await first.locator('.sender summary').click();
      await first.locator('[data-testid=sender-name]').fill('李四');
      assert.match(await letterText(first, /李四/), /李四/);
      const [docx] = await Promise.all([page.waitForEvent('download'), first.locator('[data-testid=letter-docx]').click()]);
      assert.equal(readFileSync(await docx.path()).subarray(0, 2).toString(), 'PK', 'a Word file is a zip');
      await first.screenshot({ path: join(SHOTS, 'letter.png') });

      // Printing gives the whole letter (a textarea would print only what fits in it).
      await page.emulateMedia({ media: 'print' });
      assert.ok(await first.locator('.letter-print').isVisible());
      assert.equal(await first.locator('.letter-print').textContent(), await first.locator('[data-testid=letter-text]').inputValue());
      assert.equal(await page.locator('[data-testid=transactions]').isVisible(), false);
      await page.screenshot({ path: join(SHOTS, 'letter-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });

      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
      const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert.equal(exported.schema, 'statement-checker/report/v1');
      assert.equal(exported.files[0].transactions, count);
      assert.equal(exported.streams.length, levels.length);

      await page.click('[data-testid=lang]');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match(await page.textContent('[data-testid=privacy]'), /Nothing is uploaded/);
      assert.equal(await page.locator('thead th').first().textContent(), 'Time');
      await page.screenshot({ path: join(SHOTS, 'demo-english.png'), fullPage: false });

      await page.click('[data-testid=forget-all]');
      assert.equal(await waitForStatus(page, ['idle']), 'idle');
      assert.equal(await page.locator('[data-testid=transaction]').count(), 0);
    });
  });

  it('counts a transaction once when two statements overlap', async () => {
    await session(async (page) => {
      const first = fixtureFile('generated/p12_00_alipay.csv');
      await page.setInputFiles('[data-testid=file-input]', first);
      assert.equal(await waitForStatus(page, ['done']), 'done');
      const findings = async () => ({
        high: await page.textContent('[data-testid=count-high]'),
        medium: await page.textContent('[data-testid=count-medium]'),
        alerts: await page.locator('[data-testid=alert]').count(),
        monthly: await page.textContent('[data-testid=monthly-total]'),
      });
      const once = await findings();

      // The same export again under another name, as when two exports cover the same months.
      await page.setInputFiles('[data-testid=file-input]', { ...first, name: 'alipay-again.csv' });
      assert.equal(await waitForStatus(page, ['done']), 'done');
      const note = await page.locator('[data-testid=file-card]').nth(1).locator('[data-testid=file-repeated]').textContent();
      assert.match(note, /504/);
      assert.match(note, /p12_00_alipay\.csv/);
      assert.equal(await page.locator('[data-testid=file-repeated]').count(), 1, 'only the later file repeats');
      assert.deepEqual(await findings(), once, 'no charge counted twice, no duplicate-charge alert');
      await page.locator('[data-testid=file-card]').nth(1).screenshot({ path: join(SHOTS, 'overlapping-files.png') });
    });
  });

  it('names a file it cannot read and keeps the others', async () => {
    await session(async (page) => {
      await page.setInputFiles('[data-testid=file-input]', [
        { name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex') },
        fixtureFile('generated/p12_00_alipay.csv'),
        { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) },
      ]);
      assert.equal(await waitForStatus(page, ['error', 'done']), 'error');
      const errors = await page.locator('[data-testid=file-error]').allTextContents();
      assert.equal(errors.length, 2);
      assert.match(errors[0], /photo\.csv/);
      assert.match(errors[0], /二进制|binary/);
      assert.match(errors[1], /empty\.csv/);
      assert.match(errors[1], /空|empty/);
      const counts = await page.locator('[data-testid=file-count]').allTextContents();
      assert.ok(counts.includes('504'), `the good file is read (${counts})`);
      await page.screenshot({ path: join(SHOTS, 'file-errors.png'), fullPage: false });

      // Adding a file later keeps what was already loaded.
      await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'generated', 'p13_00_alipay.csv'));
      await waitForStatus(page, ['error']);
      const after = await page.locator('[data-testid=file-count]').allTextContents();
      assert.ok(after.includes('504') && after.includes('440'), `both files kept (${after})`);
    });
  });

  it('opens a password-protected zip export in the page', async () => {
    await session(async (page) => {
      await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'archive', 'alipay-encrypted.zip'));
      assert.equal(await waitForStatus(page, ['error', 'done']), 'error');
      assert.match(await page.textContent('[data-testid=file-error]'), /密码|password/);

      await page.fill('[data-testid=zip-password]', 'not-the-password');
      await page.click('[data-testid=zip-unlock]');
      await page.waitForSelector('[data-testid=file-error]:has-text("密码")');
      assert.equal(await waitForStatus(page, ['error']), 'error');

      await page.fill('[data-testid=zip-password]', '123456');
      await page.click('[data-testid=zip-unlock]');
      assert.equal(await waitForStatus(page), 'done');
      assert.equal(await page.textContent('[data-testid=file-count]'), '504');
      assert.match(await page.textContent('[data-testid=file-card] h3'), /支付宝交易明细/);
      assert.equal(await page.locator('[data-testid=zip-password]').count(), 0, 'the password field is gone');
    });
  });

  it('lets the person correct the columns of an unknown table and remembers it', async () => {
    await session(async (page) => {
      const upload = async () => {
        await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'generic', 'northwind.csv'));
        assert.equal(await waitForStatus(page), 'done');
      };
      const firstCounterparty = () => page.locator('[data-testid=transaction] td:nth-child(2)').first().textContent();
      await upload();
      assert.equal(await page.locator('[data-testid=mapping-form]').count(), 1);
      assert.equal(await page.locator('[data-testid=map-counterparty]').inputValue(), '1');
      assert.match(await firstCounterparty(), /Northwind Media/);

      // Take the reference column as the counterparty instead.
      await page.selectOption('[data-testid=map-counterparty]', '2');
      await page.click('[data-testid=map-apply]');
      await waitForStatus(page);
      assert.match(await firstCounterparty(), /Monthly plan 0003|Monthly plan/);
      await page.screenshot({ path: join(SHOTS, 'mapping.png'), fullPage: false });

      // A new visit: the same header is read with the remembered choice.
      await page.reload();
      await page.waitForSelector('[data-testid=status][data-state=idle]');
      await upload();
      await page.waitForFunction(() => /Monthly plan/.test(document.querySelector('[data-testid=transaction] td:nth-child(2)')?.textContent ?? ''));

      // Forget all removes the remembered choice.
      await page.click('[data-testid=forget-all]');
      assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('statement-checker.')).length), 0);
      await upload();
      assert.match(await firstCounterparty(), /Northwind Media/);
    });
  });

  it('is readable on a 360 px wide phone screen', async () => {
    await session(async (page) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.click('[data-testid=demo]');
      await waitForStatus(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling of the page (${overflow}px)`);
      await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: false });
    });
  });
});

describe('the built page keeps a strict Content-Security-Policy', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i)?.[1] ?? '';
  const directives = Object.fromEntries(
    csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]),
  );

  it('allows only this origin', () => {
    assert.deepEqual(directives['default-src'], ["'self'"]);
    assert.deepEqual(directives['connect-src'], ["'self'"]);
    assert.deepEqual(directives['script-src'], ["'self'", "'wasm-unsafe-eval'"]);
    assert.deepEqual(directives['style-src'], ["'self'"]);
    assert.deepEqual(directives['object-src'], ["'none'"]);
    assert.ok(!/https?:|\*/.test(csp), `no remote origin or wildcard in ${csp}`);
    assert.ok(!/'unsafe-inline'|'unsafe-eval'/.test(csp), 'no unsafe-inline / unsafe-eval');
  });

  it('has no inline script or style', () => {
    const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(
      ([, attrs, body]) => !/\bsrc=/.test(attrs) || body.trim() !== '',
    );
    assert.deepEqual(inlineScripts.map((m) => m[0]), []);
    assert.ok(!/<style\b/i.test(html), 'no <style> element');
    assert.ok(!/\sstyle="/i.test(html), 'no style attribute');
  });
});
