// Writes the figures of the last `make bench` into BENCHMARKS.md: the machine and the date, the
// in-browser run (test-results/bench-browser.json, written by browser.mjs), the native criterion
// medians (target/criterion/**/new/estimates.json) and where the time goes. The section sits
// between two markers at the top of the file and is replaced on every run; the hand-written
// rounds below it are left alone.
//
// Usage: node tests/bench/summary.mjs [BENCHMARKS.md]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const START = '<!-- make bench: start (written by tests/bench/summary.mjs; replaced on every run) -->';
export const END = '<!-- make bench: end -->';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/**
 * `markdown` with `section` between the markers: in place of what was there, or, the first time,
 * before the first second-level heading (at the end when there is none).
 */
export function replaceSection(markdown, section) {
  const block = `${START}\n${section.trim()}\n${END}\n`;
  const start = markdown.indexOf(START);
  const end = markdown.indexOf(END);
  if (start !== -1 && end > start) {
    let after = end + END.length;
    if (markdown[after] === '\n') after += 1;
    return markdown.slice(0, start) + block + markdown.slice(after);
  }
  const heading = markdown.search(/^## /m);
  if (heading === -1) return `${markdown.trimEnd()}\n\n${block}`;
  return `${markdown.slice(0, heading)}${block}\n${markdown.slice(heading)}`;
}

/**
 * The criterion medians under `dir` (target/criterion): one entry per benchmark, as
 * { group, name, parameter, medianNs }, sorted by group, name and parameter.
 */
export function readCriterion(dir) {
  const found = [];
  const walk = (at) => {
    if (!existsSync(at)) return;
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'estimates.json' && at.endsWith(`${sep}new`)) {
        const parts = relative(dir, at).split(sep).slice(0, -1);
        const estimates = JSON.parse(readFileSync(path, 'utf8'));
        const medianNs = estimates.median?.point_estimate;
        if (parts.length >= 2 && typeof medianNs === 'number') {
          found.push({ group: parts[0], name: parts[1], parameter: parts.slice(2).join('/'), medianNs });
        }
      }
    }
  };
  walk(dir);
  const key = (b) => [b.group, b.name, b.parameter.padStart(12, '0')].join(' ');
  return found.sort((a, b) => key(a).localeCompare(key(b)));
}

const ms = (value) => (value == null ? '—' : `${Number(value).toLocaleString('en-US', { maximumFractionDigits: 1 })} ms`);
const share = (part, whole) => (part == null || !whole ? '—' : `${Math.round((part / whole) * 100)} %`);

/** The section's text from the machine, the browser run and the native medians. */
export function benchSection({ machine, date, browser, native, nativeOptLevel = null }) {
  const lines = ['## Latest `make bench` run', ''];
  lines.push(`${date}, on ${machine}.`, '');
  if (browser) {
    const { input, baseline: b, app: a, coldLoad } = browser;
    const mib = (input.bytes / 1048576).toFixed(1);
    lines.push(
      `In the browser (Chromium ${browser.chromium}, ${input.rows.toLocaleString('en-US')} rows, ${mib} MiB, \`${input.file}\`):`,
      '',
      '| measurement | figure |',
      '|---|---|',
      `| TextDecoder('gbk') + papaparse (baseline) | ${ms(b.totalMs)} (${ms(b.decodeMs)} + ${ms(b.papaparseMs)}, median of ${b.runs}) |`,
      `| **app: file chosen → findings shown** | **${ms(a.endToEndMs)}**, median of ${a.runs}: ${a.endToEndAll.map(ms).join(', ')} |`,
      `| ratio to the baseline (target ≤ 0.5×) | ${a.ratioToBaseline}× |`,
      `| file chosen at once, the reader not started | ${ms(a.coldStartEndToEndMs)} (loading the reader ${ms(a.coldStartWorkerStartupMs)}) |`,
      `| long tasks > 50 ms on the main thread (target: none) | ${a.longTasksOver50Ms.join(', ')} per visit, longest ${ms(a.longestTaskMs)} |`,
      `| worker wasm memory, peak (target ≤ 150 MB) | ${a.workerWasmMemoryMiB} MiB |`,
      `| page wasm memory / page JS heap | ${a.pageWasmMemoryMiB} MiB / ${a.pageJsHeapUsedMiB} MiB |`,
      `| cold load before the page is idle (target ≤ 300 KB gzip) | ${coldLoad.beforeIdleGzipKiB} KiB gzip (${coldLoad.beforeIdleRawKiB} KiB raw) |`,
      '',
      'Where the time goes (medians of the visits; the phases are measured separately, so they need not add up exactly):',
      '',
      '| phase | time | share of file chosen → findings |',
      '|---|---|---|',
      `| handing the file to the worker | ${ms(a.inputToPostMs)} | ${share(a.inputToPostMs, a.endToEndMs)} |`,
      `| reading the bytes (worker) | ${ms(a.workerReadMs)} | ${share(a.workerReadMs, a.endToEndMs)} |`,
      `| decoding and reading the rows (worker) | ${ms(a.workerParseMs)} | ${share(a.workerParseMs, a.endToEndMs)} |`,
      `| analysis, the dashboard and its JSON (worker) | ${ms(a.workerAnalyseMs)} | ${share(a.workerAnalyseMs, a.endToEndMs)} |`,
      `| transfer, reading the reply and drawing the findings (page) | ${ms(a.replyToDoneMs)} | ${share(a.replyToDoneMs, a.endToEndMs)} |`,
      '',
    );
  } else {
    lines.push('No browser figures: test-results/bench-browser.json is missing.', '');
  }
  if (native.length) {
    // `cargo bench` builds with the release settings, which are the page's (built for size); the
    // worker in the browser has a profile of its own, built for speed.
    const built = nativeOptLevel ? `; built with \`opt-level = ${nativeOptLevel}\` like the page, the browser's worker with its own profile` : '';
    lines.push(`Native (criterion, median per iteration${built}):`, '', '| benchmark | rows | median |', '|---|---|---|');
    for (const b of native) {
      const rows = /^\d+$/.test(b.parameter) ? Number(b.parameter).toLocaleString('en-US') : b.parameter;
      lines.push(`| ${b.group} / ${b.name} | ${rows} | ${ms(b.medianNs / 1e6)} |`);
    }
    lines.push('');
  } else {
    lines.push('No native figures: target/criterion holds no results.', '');
  }
  return lines.join('\n');
}

/** The `opt-level` of `[profile.release]` in a Cargo.toml's text, as written (`"z"`, `3`), if set. */
export function releaseOptLevel(cargoToml) {
  const section = cargoToml.split(/^\[/m).find((part) => part.startsWith('profile.release]'));
  return section?.match(/^opt-level\s*=\s*(\S+)/m)?.[1] ?? null;
}

/** A one-line description of this machine. */
function describeMachine() {
  const processors = cpus();
  const model = processors[0]?.model?.replace(/\s+/g, ' ').trim() ?? 'unknown processor';
  let system = `Linux ${release()}`;
  if (existsSync('/etc/os-release')) {
    const pretty = readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)"?/m);
    if (pretty) system = `${pretty[1]} (kernel ${release()})`;
  }
  return `${model}, ${processors.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${system}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = process.argv[2] ?? join(ROOT, 'BENCHMARKS.md');
  const browserFile = join(ROOT, 'test-results', 'bench-browser.json');
  const section = benchSection({
    machine: describeMachine(),
    date: `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    browser: existsSync(browserFile) ? JSON.parse(readFileSync(browserFile, 'utf8')) : null,
    native: readCriterion(join(ROOT, 'target', 'criterion')),
    nativeOptLevel: releaseOptLevel(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8')),
  });
  writeFileSync(target, replaceSection(readFileSync(target, 'utf8'), section));
  console.log(`the figures of this run are at the top of ${target}`);
}
