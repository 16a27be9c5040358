// In-browser benchmark, all in one Chromium: how long a large statement takes from "file chosen"
// to "findings on screen", next to what a plain web page would spend decoding GBK and splitting
// the CSV (TextDecoder + papaparse) on the same bytes; long main-thread tasks meanwhile; memory;
// and the size of what the first visit downloads.
//
// Usage: node tests/bench/browser.mjs [statement.csv]   (default target/bench-data/alipay-100000.csv,
// written by `make bench` with examples/gen_big.rs). Prints a table and writes
// test-results/bench-browser.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { DIST, ROOT, SHOTS, startServer } from '../e2e/helpers.mjs';

const INPUT = process.argv[2] ?? join(ROOT, 'target', 'bench-data', 'alipay-100000.csv');
const BASELINE_RUNS = 5;
const APP_RUNS = 3;
const LONG_TASK_MS = 50;
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} has no build: run make build`);
if (!existsSync(INPUT)) throw new Error(`${INPUT} is missing: run make bench (it generates it)`);
const bytes = readFileSync(INPUT);
const require = createRequire(import.meta.url);
const papaparsePath = require.resolve('papaparse/papaparse.min.js');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const round = (value, digits = 1) => (value == null ? null : Number(value.toFixed(digits)));
const kib = (n) => round(n / 1024, 1);
const mib = (n) => (n == null ? null : round(n / 1048576, 1));

/**
 * Installed before any page script: records long tasks, the moment a file is chosen, the moment
 * the status says done with findings shown, and when the app's worker says ready and replies.
 */
function instrument(longTaskMs) {
  const marks = {
    longTasks: [], input: null, done: null, workerSpawn: null, workerPost: null, workerReady: null, workerReply: null,
    parsing: null, analysing: null,
  };
  window.__bench = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > longTaskMs) marks.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', (event) => {
    if (event.target?.type === 'file' && marks.input === null) marks.input = event.timeStamp;
  }, true);
  const check = () => {
    if (marks.input === null || marks.done !== null) return;
    const status = document.querySelector('[data-testid=status]');
    if (status?.dataset.state === 'done' && document.querySelector('[data-testid=findings]')) {
      marks.done = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      if (marks.workerSpawn === null) marks.workerSpawn = performance.now();
      this.addEventListener('message', (event) => {
        // Messages are JSON text, externally tagged: `{"ready":…}`, `{"progress":…}`,
        // `{"imported":…}`. Only their start is looked at, so the probe costs nothing.
        const text = typeof event.data === 'string' ? event.data : '';
        const now = performance.now();
        if (text.startsWith('{"ready"') && marks.workerReady === null) marks.workerReady = now;
        if (text.startsWith('{"imported"') && marks.workerReply === null) marks.workerReply = now;
        if (text.startsWith('{"progress"') && text.includes('"parsing"') && marks.parsing === null) marks.parsing = now;
        if (text.startsWith('{"progress"') && text.includes('"analysing"') && marks.analysing === null) marks.analysing = now;
      });
    }
    postMessage(message, ...rest) {
      if (String(message?.msg).startsWith('{"import"') && marks.workerPost === null) marks.workerPost = performance.now();
      return super.postMessage(message, ...rest);
    }
  };
}

/** TextDecoder('gbk') and papaparse on the same bytes, inside the page; one timing per run. */
async function baseline(browser, origin) {
  const context = await browser.newContext({ bypassCSP: true, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.addScriptTag({ path: papaparsePath });
  await page.evaluate((b64) => {
    const raw = atob(b64);
    const array = new Uint8Array(raw.length);
    for (let i = 0; i < raw.length; i += 1) array[i] = raw.charCodeAt(i);
    window.__statement = array;
  }, bytes.toString('base64'));
  const runs = [];
  for (let run = 0; run < BASELINE_RUNS; run += 1) {
    runs.push(await page.evaluate(() => {
      const t0 = performance.now();
      const text = new TextDecoder('gbk').decode(window.__statement);
      const t1 = performance.now();
      const body = text.slice(text.indexOf('交易时间,'));
      const parsed = window.Papa.parse(body, { header: false, skipEmptyLines: true });
      const t2 = performance.now();
      return { decode: t1 - t0, parse: t2 - t1, total: t2 - t0, rows: parsed.data.length - 1 };
    }));
  }
  await context.close();
  return runs;
}

/** Bytes of a wasm module's memory in `target` (a page or worker), through its wasm-bindgen glue. */
async function wasmMemory(target, glueUrl) {
  try {
    return await target.evaluate(async (url) => {
      const glue = await import(url);
      const exports = await glue.default();
      return exports.memory.buffer.byteLength;
    }, glueUrl);
  } catch {
    return null;
  }
}

/**
 * One fresh visit: load, choose the file, wait for findings; timings, long tasks and memory.
 * `warm`: the file is chosen once the page has started its reader in the background (as it
 * does shortly after loading), the way a person who takes a moment to pick a file meets it;
 * otherwise at once, so the reader starts with the file.
 */
async function appRun(browser, origin, { warm }) {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await context.addInitScript(instrument, LONG_TASK_MS);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-testid=status][data-state=idle]');
  const glue = await page.getAttribute('script[data-glue]', 'data-glue');
  if (warm) await page.waitForFunction(() => window.__bench.workerReady !== null, null, { timeout: 60000 });
  // A path, not a buffer: the browser reads the file itself, so no copy through the page's JS
  // shows up as a long task.
  await page.setInputFiles('[data-testid=file-input]', INPUT);
  await page.waitForFunction(() => window.__bench.done !== null, null, { timeout: 300000, polling: 100 });
  const marks = await page.evaluate(() => window.__bench);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? null;
  const worker = page.workers().find((w) => w.url().includes('engine'));
  const result = {
    endToEnd: marks.done - marks.input,
    workerRoundTrip: marks.workerReply - marks.workerPost,
    // Messages queue until the worker is ready, so the import starts at the later of the two.
    workerImportAnalyse: marks.workerReady !== null ? marks.workerReply - Math.max(marks.workerReady, marks.workerPost) : null,
    workerStartup: marks.workerReady !== null ? marks.workerReady - marks.workerSpawn : null,
    workerSpawnAfterInput: marks.workerSpawn - marks.input,
    inputToPost: marks.workerPost - marks.input,
    replyToDone: marks.done - marks.workerReply,
    // Inside the worker: bytes read (from the later of ready and post to "parsing"), rows read
    // ("parsing" to "analysing"), analysis and the dashboard ("analysing" to the reply).
    workerRead: marks.parsing !== null && marks.workerReady !== null ? marks.parsing - Math.max(marks.workerReady, marks.workerPost) : null,
    workerParse: marks.analysing !== null && marks.parsing !== null ? marks.analysing - marks.parsing : null,
    workerAnalyse: marks.analysing !== null ? marks.workerReply - marks.analysing : null,
    // Start times relative to the file being chosen, so each task can be placed in a phase.
    longTasks: marks.longTasks
      .filter((t) => t.start + t.duration >= marks.input && t.start <= marks.done)
      .map((t) => ({ start: t.start - marks.input, duration: t.duration })),
    phases: {
      posted: marks.workerPost - marks.input,
      parsing: marks.parsing - marks.input,
      analysing: marks.analysing - marks.input,
      replied: marks.workerReply - marks.input,
      done: marks.done - marks.input,
    },
    pageJsHeapUsed: metric('JSHeapUsedSize'),
    pageJsHeapTotal: metric('JSHeapTotalSize'),
    pageWasmMemory: await wasmMemory(page, `${origin}${glue}`),
    workerWasmMemory: worker ? await wasmMemory(worker, `${origin}/engine.js`) : null,
    streamsShown: await page.locator('[data-testid=findings] [data-testid=stream]').count().catch(() => null),
    errors,
  };
  await context.close();
  return result;
}

/** What the first visit downloads before the page is ready, and what the service worker adds. */
async function coldLoad(browser, origin) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const seen = new Map();
  let ready = false;
  const phases = new Map();
  context.on('request', (request) => {
    const phase = request.serviceWorker() ? 'service worker precache' : ready ? 'after idle' : 'before idle';
    phases.set(request, phase);
  });
  context.on('response', async (response) => {
    const url = response.url();
    if (!url.startsWith(origin) || response.status() !== 200) return;
    const phase = phases.get(response.request()) ?? 'unknown';
    try {
      const body = await response.body();
      const key = `${phase} ${url}`;
      if (!seen.has(key)) seen.set(key, { phase, path: new URL(url).pathname, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    } catch {
      // A response whose body is gone (a redirect, a cancelled request) downloaded nothing we can size.
    }
  });
  await page.goto(`${origin}/`);
  await page.waitForSelector('[data-testid=status][data-state=idle]');
  ready = true;
  await page.waitForTimeout(4000);
  await context.close();
  return [...seen.values()];
}

/** Gzipped size of every file in dist/, largest first. */
function bundle() {
  const files = execFileSync('find', [DIST, '-type', 'f'], { encoding: 'utf8' }).trim().split('\n');
  return files.map((file) => {
    const body = readFileSync(file);
    return { path: file.slice(DIST.length + 1), raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  }).sort((a, b) => b.gzip - a.gzip);
}

const server = await startServer();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
let report;
try {
  const baselineRuns = await baseline(browser, server.origin);
  const appRuns = [];
  for (let run = 0; run < APP_RUNS; run += 1) appRuns.push(await appRun(browser, server.origin, { warm: true }));
  const coldRun = await appRun(browser, server.origin, { warm: false });
  const cold = await coldLoad(browser, server.origin);
  const pick = (key) => median(appRuns.map((r) => r[key]).filter((v) => v != null));
  const baselineTotal = median(baselineRuns.map((r) => r.total));
  const beforeIdle = cold.filter((f) => f.phase === 'before idle');
  const allLongTasks = appRuns.flatMap((r) => r.longTasks.map((t) => t.duration));
  report = {
    input: { file: relative(ROOT, resolve(INPUT)), bytes: bytes.length, rows: baselineRuns[0].rows },
    chromium: browser.version(),
    baseline: {
      runs: baselineRuns.length,
      decodeMs: round(median(baselineRuns.map((r) => r.decode))),
      papaparseMs: round(median(baselineRuns.map((r) => r.parse))),
      totalMs: round(baselineTotal),
      all: baselineRuns.map((r) => round(r.total)),
    },
    app: {
      runs: appRuns.length,
      endToEndMs: round(pick('endToEnd')),
      workerImportAnalyseMs: round(pick('workerImportAnalyse')),
      workerStartupMs: round(pick('workerStartup')),
      workerSpawnAfterInputMs: round(pick('workerSpawnAfterInput')),
      workerRoundTripMs: round(pick('workerRoundTrip')),
      inputToPostMs: round(pick('inputToPost')),
      replyToDoneMs: round(pick('replyToDone')),
      workerReadMs: round(pick('workerRead')),
      workerParseMs: round(pick('workerParse')),
      workerAnalyseMs: round(pick('workerAnalyse')),
      endToEndAll: appRuns.map((r) => round(r.endToEnd)),
      coldStartEndToEndMs: round(coldRun.endToEnd),
      coldStartWorkerStartupMs: round(coldRun.workerStartup),
      ratioToBaseline: round(pick('endToEnd') / baselineTotal, 2),
      longTasksOver50Ms: appRuns.map((r) => r.longTasks.length),
      longestTaskMs: allLongTasks.length ? round(Math.max(...allLongTasks)) : 0,
      longTasks: appRuns.map((r) => r.longTasks.map((t) => ({ startMs: round(t.start), durationMs: round(t.duration) }))),
      phasesMs: appRuns.map((r) => Object.fromEntries(Object.entries(r.phases).map(([k, v]) => [k, round(v)]))),
      pageJsHeapUsedMiB: mib(pick('pageJsHeapUsed')),
      pageWasmMemoryMiB: mib(pick('pageWasmMemory')),
      workerWasmMemoryMiB: mib(pick('workerWasmMemory')),
      // With service workers blocked (to keep the precache out of the timings) pwa.js may throw.
      errors: [...new Set(appRuns.flatMap((r) => r.errors))],
    },
    coldLoad: {
      beforeIdleGzipKiB: kib(beforeIdle.reduce((sum, f) => sum + f.gzip, 0)),
      beforeIdleRawKiB: kib(beforeIdle.reduce((sum, f) => sum + f.raw, 0)),
      serviceWorkerGzipKiB: kib(cold.filter((f) => f.phase === 'service worker precache').reduce((sum, f) => sum + f.gzip, 0)),
      files: cold.map((f) => ({ ...f, gzipKiB: kib(f.gzip) })),
    },
    bundle: bundle().map((f) => ({ ...f, gzipKiB: kib(f.gzip) })),
  };
} finally {
  await browser.close();
  await server.stop();
}

const b = report.baseline;
const a = report.app;
const rows = [
  ['input', `${report.input.rows} rows, ${mib(report.input.bytes)} MiB`, ''],
  ['Chromium', report.chromium, ''],
  ["TextDecoder('gbk')", `${b.decodeMs} ms`, `median of ${b.runs}`],
  ['papaparse 5.7.1 on the text', `${b.papaparseMs} ms`, `median of ${b.runs}`],
  ['  baseline total', `${b.totalMs} ms`, `runs ${b.all.join(', ')}`],
  ['app: file chosen → findings shown', `${a.endToEndMs} ms`, `reader already started; median of ${a.runs}: ${a.endToEndAll.join(', ')}; ${a.ratioToBaseline}× baseline (target ≤ 0.5×)`],
  ['app, file chosen at once (reader not started)', `${a.coldStartEndToEndMs} ms`, `one run; the reader took ${a.coldStartWorkerStartupMs} ms to load and compile`],
  ['  file chosen → handed to the worker', `${a.inputToPostMs} ms`, 'the File handle is posted; the worker reads it'],
  ['  worker start (load + compile engine)', `${a.workerStartupMs} ms`, `new Worker → ready; spawned ${a.workerSpawnAfterInputMs} ms from the input event (negative: before it)`],
  ['  worker import + analysis', `${a.workerImportAnalyseMs} ms`, 'ready → reply (includes result serialisation)'],
  ['    read the bytes', `${a.workerReadMs} ms`, 'FileReaderSync, 4 MiB chunks'],
  ['    decode + rows', `${a.workerParseMs} ms`, 'import_files'],
  ['    analysis + dashboard', `${a.workerAnalyseMs} ms`, 'analyse, rows behind each finding, serialisation'],
  ['  reply → findings on screen', `${a.replyToDoneMs} ms`, 'main thread: deserialise + render'],
  ['long tasks > 50 ms (main thread)', `${a.longTasksOver50Ms.join(', ')} per run`, `longest ${a.longestTaskMs} ms (target: none)`],
  ...a.longTasks[0].map((t) => ['  run 1 task', `${t.durationMs} ms`, `starts ${t.startMs} ms after the input event`]),
  ['page JS heap used', `${a.pageJsHeapUsedMiB} MiB`, 'CDP Performance.getMetrics'],
  ['page wasm memory', `${a.pageWasmMemoryMiB} MiB`, 'memory.buffer.byteLength'],
  ['worker wasm memory', `${a.workerWasmMemoryMiB} MiB`, 'after the import (wasm memory never shrinks: this is the peak)'],
  ['cold load before idle', `${report.coldLoad.beforeIdleGzipKiB} KiB gz`, `${report.coldLoad.beforeIdleRawKiB} KiB raw (target ≤ 300 KB gz)`],
  ['  then service worker precache', `${report.coldLoad.serviceWorkerGzipKiB} KiB gz`, 'the whole bundle, fetched once more for offline use'],
];
const width = Math.max(...rows.map((r) => r[0].length));
const width2 = Math.max(...rows.map((r) => r[1].length));
console.log(rows.map(([k, v, note]) => `${k.padEnd(width)}  ${v.padEnd(width2)}  ${note}`).join('\n'));
if (a.errors.length) console.log('page errors:', a.errors);
writeFileSync(join(SHOTS, 'bench-browser.json'), `${JSON.stringify(report, null, 2)}\n`);
console.log(`figures written to ${join(SHOTS, 'bench-browser.json')}`);
