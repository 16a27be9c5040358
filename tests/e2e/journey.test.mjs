// The whole journey on the dashboard: several formats at once, filters and sorting, a decision
// kept across a reload, CSV export, 繁體中文, forget all, accessibility, and a worker crash that
// loses nothing already read.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import Papa from 'papaparse';
import { FIXTURES, SHOTS, session as openSession, letterText, startServer, waitForStatus } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const SEVERAL = [
  join(FIXTURES, 'generated', 'p11_00_alipay.csv'),
  join(FIXTURES, 'generated', 'p11_06_wechat_xlsx.xlsx'),
  join(FIXTURES, 'generated', 'p11_05_ofx.ofx'),
  join(FIXTURES, 'generated', 'p11_04_bank_en.csv'),
];

/** A session on this file's server. */
const session = (body, options) => openSession(server.origin, body, options);

const streamsOf = (page) =>
  page.$$eval('[data-testid=stream]', (all) =>
    all.map((s) => ({ level: s.dataset.level, name: s.dataset.counterparty, decision: s.dataset.decision })));

describe('dashboard journey', () => {
  it('reads four formats at once and filters, sorts and searches the findings', async () => {
    await session(async (page) => {
      await page.click('[data-testid=how-to-export] summary');
      assert.match(await page.textContent('[data-testid=how-to-export]'), /开具交易流水证明[\s\S]*下载账单/);
      await page.setInputFiles('[data-testid=file-input]', SEVERAL);
      assert.equal(await waitForStatus(page), 'done');
      assert.equal(await page.locator('[data-testid=file-card]').count(), 4);
      const formats = await page.locator('[data-testid=file-format]').allTextContents();
      assert.equal(new Set(formats).size, 4, `four formats: ${formats}`);
      for (const period of await page.locator('[data-testid=file-period]').allTextContents()) {
        assert.match(period, /^\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d$/);
      }

      const all = await streamsOf(page);
      assert.ok(all.length >= 6, `streams: ${all.length}`);
      const rank = { high: 0, medium: 1, low: 2 };
      for (let i = 1; i < all.length; i++) {
        assert.ok(rank[all[i - 1].level] <= rank[all[i].level], 'most suspicious first');
      }
      const high = Number((await page.textContent('[data-testid=count-high]')).match(/\d+/)[0]);
      assert.ok(high >= 1);

      // Every stream has a timeline with one point per payment.
      const timelines = page.locator('[data-testid=stream] [data-testid=timeline]');
      assert.equal(await timelines.count(), all.length);
      assert.ok(Number(await timelines.first().getAttribute('data-points')) >= 2);
      // Dots that would cover each other are left out (the line still passes every payment):
      // never more dots than payments, both ends always, and no two plain dots closer than 6.
      const charts = await timelines.evaluateAll((figures) => figures.map((f) => ({
        points: Number(f.dataset.points),
        dots: [...f.querySelectorAll('circle')].map((c) => ({ x: Number(c.getAttribute('cx')), step: c.classList.contains('step') })),
        box: f.querySelector('svg').getAttribute('viewBox').split(' ').map(Number),
        labels: [...f.querySelectorAll('text')].map((t) => ({
          x: Number(t.getAttribute('x')), y: Number(t.getAttribute('y')), end: t.classList.contains('end'),
        })),
      })));
      for (const { points, dots, box: [, , width, height], labels } of charts) {
        // Everything is drawn inside the chart; labels that start at the left edge stay there.
        for (const { x, y, end } of labels) {
          assert.ok(x >= 0 && x <= width && y >= 0 && y <= height, `label at ${x},${y} outside ${width}×${height}`);
          if (!end) assert.ok(x < width / 10, `left label at ${x}`);
        }
        assert.ok(dots.every((d) => d.x >= 0 && d.x <= width), 'dots inside the chart');
        assert.ok(dots.length <= points && dots.length >= Math.min(points, 2), `${dots.length} dots for ${points} payments`);
        for (let i = 1; i < dots.length - 1; i++) {
          assert.ok(dots[i].step || dots[i].x - dots[i - 1].x >= 5.9, `dot ${i} at ${dots[i].x} crowds ${dots[i - 1].x}`);
        }
      }

      await page.selectOption('[data-testid=filter-level]', 'high');
      const onlyHigh = await streamsOf(page);
      assert.ok(onlyHigh.length >= 1 && onlyHigh.every((s) => s.level === 'high'));
      for (const level of await page.$$eval('[data-testid=alert]', (a) => a.map((x) => x.dataset.level))) {
        assert.equal(level, 'high');
      }
      await page.selectOption('[data-testid=filter-level]', '');

      const target = all.find((s) => s.level !== 'high') ?? all[0];
      await page.fill('[data-testid=filter-search]', target.name.slice(0, 4));
      const found = await streamsOf(page);
      assert.ok(found.length >= 1 && found.every((s) => s.name.includes(target.name.slice(0, 4))));
      await page.fill('[data-testid=filter-search]', 'no merchant is called this');
      assert.equal((await streamsOf(page)).length, 0);
      await page.fill('[data-testid=filter-search]', '');

      await page.selectOption('[data-testid=sort]', 'name');
      const names = (await streamsOf(page)).map((s) => s.name);
      assert.deepEqual(names, [...names].sort(), 'sorted by name');
      await page.selectOption('[data-testid=sort]', 'risk');

      const methods = await page.$$eval('[data-testid=filter-method] option', (o) => o.map((x) => x.value).filter(Boolean));
      if (methods.length > 1) {
        await page.selectOption('[data-testid=filter-method]', methods[0]);
        const some = (await streamsOf(page)).length;
        assert.ok(some >= 1 && some < all.length, `payment-method filter narrows: ${some} of ${all.length}`);
      }
      await page.screenshot({ path: join(SHOTS, 'journey-dashboard.png'), fullPage: true });
    });
  });

  it('keeps a decision across a reload and warns about charges after a cancellation', async () => {
    await session(async (page) => {
      const upload = async () => {
        await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'generated', 'p11_00_alipay.csv'));
        assert.equal(await waitForStatus(page), 'done');
      };
      await upload();
      const [first, second] = await streamsOf(page);
      assert.equal(first.decision, 'none');

      const card = (name) => page.locator(`[data-testid=stream][data-counterparty="${name}"]`).first();
      await card(first.name).getByTestId('decision-known').click();
      await page.waitForSelector(`[data-testid=stream][data-counterparty="${first.name}"][data-decision=known]`);
      // The person knows it: it moves below the undecided ones.
      const after = await streamsOf(page);
      assert.equal(after[after.length - 1].name, first.name);

      // Cancelled long ago: every payment came after it.
      await card(second.name).getByTestId('decision-date').fill('2020-01-01');
      await card(second.name).getByTestId('decision-cancelled').click();
      const warning = card(second.name).getByTestId('charged-after-cancel');
      await warning.waitFor();
      assert.match(await warning.textContent(), /仍被扣款 \d+ 笔/);

      await page.reload();
      await page.waitForSelector('[data-testid=status][data-state=idle]');
      await upload();
      const restored = await streamsOf(page);
      assert.equal(restored.find((s) => s.name === first.name).decision, 'known');
      assert.equal(restored.find((s) => s.name === second.name).decision, 'cancelled');
      assert.ok(await card(second.name).getByTestId('charged-after-cancel').isVisible());

      // Clicking the chosen decision again clears it.
      await card(first.name).getByTestId('decision-known').click();
      await page.waitForSelector(`[data-testid=stream][data-counterparty="${first.name}"][data-decision=none]`);

      await page.click('[data-testid=forget-all]');
      assert.match(await page.textContent('.notice'), /已清除/);
      const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('statement-checker.')));
      assert.deepEqual(keys, [], 'forget all removes every key');
      await upload();
      assert.ok((await streamsOf(page)).every((s) => s.decision === 'none'), 'no decision survives forget all');
    });
  });

  it('exports findings as CSV that a spreadsheet opens safely', async () => {
    await session(async (page) => {
      await page.click('[data-testid=demo]');
      await waitForStatus(page);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
      assert.match(download.suggestedFilename(), /\.csv$/);
      const bytes = readFileSync(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for spreadsheets');
      const text = bytes.toString('utf8').slice(1);
      const lines = text.trim().split(/\r?\n/);
      const streams = await streamsOf(page);
      const alerts = await page.locator('[data-testid=alert]').count();
      assert.ok(lines.length >= streams.length + alerts + 1, `rows: ${lines.length}`);
      assert.ok(text.includes(streams[0].name), 'the first stream is in the CSV');
      for (const line of lines) {
        assert.ok(!/^[=+\-@]/.test(line), `no row starts with a formula: ${line.slice(0, 40)}`);
      }
    });
  });

  it('speaks 繁體中文, remembers it, and switches back', async () => {
    await session(async (page) => {
      await page.click('[data-testid=demo]');
      await waitForStatus(page);
      await page.click('[data-testid=lang-script]');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-Hant');
      assert.equal(await page.textContent('h1'), '賬單體檢');
      assert.match(await page.textContent('[data-testid=privacy]'), /這臺設備/);
      const reason = await page.locator('[data-testid=stream] .reasons li').first().textContent();
      assert.doesNotMatch(reason, /[这过费续认]/, `Traditional characters only: ${reason}`);
      await page.locator('[data-testid=stream] [data-testid=letter-open]').first().click();
      assert.match(await letterText(page.locator('main'), /投訴|爭議|賬單/), /投訴|爭議|賬單/);
      await page.screenshot({ path: join(SHOTS, 'journey-hant.png') });

      await page.reload();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-Hant');
      await page.click('[data-testid=lang]');
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(await page.textContent('h1'), 'Statement Checker');
      await page.click('[data-testid=lang]');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-Hant');
      await page.click('[data-testid=lang-script]');
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      assert.equal(await page.textContent('h1'), '账单体检');
    });
  });

  it('shows how far a large file has come: bytes read, then rows, then analysis', async () => {
    // A WeChat Pay export of about 10 MB: its own header, then a year and a half of everyday
    // spending at a few thousand shops (the reader takes 4 MiB at a time, so reading alone
    // reports more than once).
    const wechat = readFileSync(join(FIXTURES, 'generated', 'p11_02_wechat_csv.csv')).toString('utf8');
    const head = wechat.split('\n').filter((l) => !/^20\d\d-/.test(l));
    const body = [];
    const start = Date.UTC(2026, 2, 9, 12);
    for (let i = 0; body.length * 150 < 10_000_000; i++) {
      const when = new Date(start - i * 11 * 60_000).toISOString().replace('T', ' ').slice(0, 19);
      const amount = (((i * 7919) % 20000) / 100 + 1).toFixed(2);
      const id = String(4_200_000_000_000 + i).padStart(28, '0');
      body.push(`${when},商户消费,小店${i % 3000},"日用品",支出,¥${amount},零钱,支付成功,${id}\t,M${id}\t,"/"`);
    }
    const big = join(mkdtempSync(join(tmpdir(), 'statement-checker-')), 'wechat-large.csv');
    writeFileSync(big, [...head, ...body].join('\n'));
    const size = readFileSync(big).length;
    assert.ok(size > 9 * 1024 * 1024, `large enough: ${size}`);

    await session(async (page) => {
      // Every look of the file card while it is read, as the page draws it.
      await page.evaluate(() => {
        window.__seen = [];
        new MutationObserver(() => {
          const card = document.querySelector('[data-testid=file-card][data-state=reading]');
          if (!card) return;
          const bar = card.querySelector('[data-testid=file-progress]');
          const look = {
            stage: card.dataset.stage,
            value: bar.getAttribute('value'),
            max: bar.getAttribute('max'),
            busy: card.getAttribute('aria-busy'),
            text: card.querySelector('p').textContent,
          };
          const last = window.__seen.at(-1);
          if (!last || JSON.stringify(last) !== JSON.stringify(look)) window.__seen.push(look);
        }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      });
      await page.setInputFiles('[data-testid=file-input]', big);
      assert.equal(await waitForStatus(page), 'done');
      const seen = await page.evaluate(() => window.__seen);
      const stages = seen.map((s) => s.stage).filter((s, i, all) => s !== all[i - 1]);
      assert.deepEqual(stages.filter((s) => s !== 'waiting'), ['reading', 'parsing', 'analysing'], JSON.stringify(stages));
      assert.ok(seen.every((s) => s.busy === 'true'));

      // Reading: a real fraction of the file's size, growing to all of it.
      const reading = seen.filter((s) => s.stage === 'reading');
      assert.ok(reading.length >= 2, `several reading steps: ${reading.length}`);
      assert.ok(reading.every((s) => Number(s.max) === size));
      const values = reading.map((s) => Number(s.value));
      assert.deepEqual([...values].sort((a, b) => a - b), values, 'bytes read only grow');
      assert.equal(values.at(-1), size);
      assert.match(reading[0].text, /MB \/ \d+\.\d MB/);
      // Rows and analysis: a busy bar (no fraction) and what is being done.
      const analysing = seen.find((s) => s.stage === 'analysing');
      assert.equal(analysing.value, null);
      const count = Number(await page.textContent('[data-testid=file-count]'));
      assert.ok(count > 50_000, `rows read: ${count}`);
      assert.match(analysing.text, new RegExp(`共 ${count} 笔交易，正在分析`));
    });
  });

  it('recovers from a worker crash without losing the statements already read', async () => {
    await session(async (page) => {
      await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'generated', 'p11_00_alipay.csv'));
      await waitForStatus(page);
      const before = (await streamsOf(page)).map((s) => s.name).sort();
      assert.ok(before.length > 0);

      // An uncaught error inside the worker, as a bug in the reader would raise.
      const [worker] = page.workers();
      assert.ok(worker, 'the reader runs in a worker');
      await worker.evaluate(() => setTimeout(() => { throw new Error('simulated reader crash'); }, 0));
      await page.waitForSelector('.notice[role=alert]');
      // A fresh worker reads the statements again.
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-card][data-state=read]').length === 1);
      assert.equal(await waitForStatus(page), 'done');

      await page.setInputFiles('[data-testid=file-input]', join(FIXTURES, 'generated', 'p11_02_wechat_csv.csv'));
      await waitForStatus(page);
      assert.equal(await page.locator('[data-testid=file-card][data-state=read]').count(), 2);
      // The report the page now shows was made by the new worker: it must cover both files.
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')]);
      const report = JSON.parse(readFileSync(await download.path(), 'utf8'));
      assert.deepEqual(report.files.map((f) => [f.name, f.error ?? null]).sort(), [
        ['p11_00_alipay.csv', null],
        ['p11_02_wechat_csv.csv', null],
      ]);
      assert.ok(report.streams.some((s) => s.transactions.some((t) => t.file === 'p11_00_alipay.csv')),
        'streams from the first file are still analysed');
      assert.ok(before.length > 0);
    }, { allowErrors: true });
  });
});

describe('accessibility (axe-core)', () => {
  for (const scheme of ['light', 'dark']) {
    it(`has no serious violations on the start page and the dashboard (${scheme})`, async () => {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      });
      try {
        // axe is injected as a script: only this context relaxes the page's CSP to allow it.
        const context = await browser.newContext({ bypassCSP: true, colorScheme: scheme, locale: 'zh-CN' });
        const page = await context.newPage();
        await page.goto(`${server.origin}/`);
        await page.waitForSelector('[data-testid=status][data-state=idle]');
        const check = async (where) => {
          await page.addScriptTag({ path: AXE });
          const result = await page.evaluate(() =>
            window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
          const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
          found.push(...serious.map((v) => `${where}: ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
        };
        const found = [];
        await check('start page');
        await page.click('[data-testid=demo]');
        await waitForStatus(page);
        await page.locator('[data-testid=stream] [data-testid=letter-open]').first().click();
        await check('dashboard with a letter open');
        // Keyboard: the first control is reachable by Tab and shows focus.
        await page.keyboard.press('Tab');
        assert.ok(await page.evaluate(() => document.activeElement && document.activeElement !== document.body));
        assert.deepEqual(found, [], `serious accessibility violations (${scheme})`);
      } finally {
        await browser.close();
      }
    });
  }
});

/** A WeChat Pay export whose counterparties and goods are attacks on the page and on spreadsheets. */
function hostileWeChat() {
  const names = [
    '<img src=x onerror=alert(1)>',
    '</script><script>alert(2)</script>',
    '=HYPERLINK("http://example.invalid","点我")',
    "+cmd|' /C calc'!A0",
    '@SUM(A1:A9)',
    '\u202Egnp.exe',
  ];
  const head = [
    '微信支付账单明细,,,,,,,,,,',
    '起始时间：[2025-01-01 00:00:00] 终止时间：[2025-12-31 23:59:59],,,,,,,,,,',
    '----------------------微信支付账单明细列表--------------------,,,,,,,,,,',
    '交易时间,交易类型,交易对方,商品,收/支,金额(元),支付方式,当前状态,交易单号,商户单号,备注',
  ];
  const rows = [];
  const quote = (text) => `"${text.replaceAll('"', '""')}"`;
  names.forEach((name, n) => {
    // Each name charges the same amount on the same day of six months: a monthly stream.
    for (let month = 1; month <= 6; month++) {
      const mm = String(month).padStart(2, '0');
      const amount = (9.9 + n).toFixed(2);
      rows.push(`2025-${mm}-${String(3 + n).padStart(2, '0')} 10:00:00,商户消费,${quote(name)},${quote(`${name} 连续包月`)},支出,¥${amount},零钱,支付成功,42000${n}${mm}0000000001,M${n}${mm},/`);
    }
  });
  return { name: '<b>hostile</b>.csv', mimeType: 'text/csv', buffer: Buffer.from(['\ufeff' + head.join('\n'), ...rows].join('\n') + '\n') };
}

describe('hostile statements', () => {
  it('shows merchant-chosen markup, formulas and bidi overrides as text everywhere', async () => {
    await session(async (page) => {
      await page.setInputFiles('[data-testid=file-input]', [hostileWeChat()]);
      assert.equal(await waitForStatus(page), 'done');
      assert.equal(await page.locator('[data-testid=file-count]').textContent(), '36');
      assert.equal(await page.locator('img').count(), 0, 'no element from a statement');
      assert.equal(await page.locator('main script').count(), 0);
      const cells = await page.locator('[data-testid=transaction] td:nth-child(2)').allTextContents();
      assert.ok(cells.some((c) => c.includes('<img src=x onerror=alert(1)>')), 'markup shown as text');
      const names = await page.$$eval('[data-testid=stream]', (s) => s.map((x) => x.dataset.counterparty));
      assert.ok(names.length >= 5, `hostile names still form streams: ${names.length}`);

      // The letter of every stream and the CSV export carry the names inertly.
      const toggles = page.locator('[data-testid=stream] [data-testid=letter-open]');
      for (let i = 0; i < await toggles.count(); i++) await toggles.nth(i).click();
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=letter]')].every((l) => l.dataset.state === 'ready'));
      const letters = await page.locator('[data-testid=letter-text]').evaluateAll((all) => all.map((t) => t.value).join('\n'));
      assert.ok(letters.includes('</script><script>alert(2)</script>') || letters.includes('<img src=x onerror=alert(1)>'));
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
      const csv = readFileSync(await download.path(), 'utf8');
      const parsed = Papa.parse(csv.replace(/^\ufeff/, ''), { skipEmptyLines: true });
      assert.deepEqual(parsed.errors, []);
      assert.ok(parsed.data.length >= 6);
      for (const cell of parsed.data.flat()) {
        assert.ok(!/^[=+\-@\t\r]/.test(cell), `neutralised cell: ${cell}`);
      }
      assert.ok(parsed.data.flat().some((c) => c.startsWith("'=HYPERLINK")), 'the formula is kept, as text');
      assert.ok(!csv.includes('\u202E'), 'no bidi override in the CSV');
      await page.emulateMedia({ media: 'print' });
      await page.screenshot({ path: join(SHOTS, 'hostile-print.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
    });
  });
});
