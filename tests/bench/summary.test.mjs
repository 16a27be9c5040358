// The writer of BENCHMARKS.md's `make bench` section: where the section goes, that a second run
// replaces the first, and that the figures land in it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { benchSection, END, readCriterion, releaseOptLevel, replaceSection, START } from './summary.mjs';

const count = (text, part) => text.split(part).length - 1;

describe('the make bench section of BENCHMARKS.md', () => {
  it('goes before the first second-level heading, then replaces itself', () => {
    const original = '# Benchmarks\n\nIntro.\n\n## Round 2\n\ntext\n\n## Round 1\n';
    const once = replaceSection(original, 'first run');
    assert.equal(once.indexOf('Intro.') < once.indexOf(START), true);
    assert.equal(once.indexOf(END) < once.indexOf('## Round 2'), true);
    const twice = replaceSection(once, 'second run');
    assert.equal(count(twice, START), 1);
    assert.equal(count(twice, END), 1);
    assert.equal(twice.includes('first run'), false);
    assert.equal(twice.includes('second run'), true);
    // Everything around the section is kept as it was.
    assert.equal(twice.replace(/<!-- make bench: start[\s\S]*?<!-- make bench: end -->\n\n/, ''), original);
    assert.equal(replaceSection(twice, 'second run'), twice, 'the same figures change nothing');
  });

  it('goes at the end of a file without headings', () => {
    const written = replaceSection('# Benchmarks\n', 'figures');
    assert.equal(written, `# Benchmarks\n\n${START}\nfigures\n${END}\n`);
  });

  it('reads criterion medians, and only those of the latest run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'criterion-'));
    try {
      const put = (path, median) => {
        mkdirSync(join(dir, ...path), { recursive: true });
        writeFileSync(join(dir, ...path, 'estimates.json'), JSON.stringify({ median: { point_estimate: median } }));
      };
      put(['import', 'alipay_gbk', '100000', 'new'], 95_000_000);
      put(['import', 'alipay_gbk', '10000', 'new'], 9_000_000);
      put(['import', 'alipay_gbk', '10000', 'base'], 1);
      put(['analysis', 'alipay', '10000', 'new'], 8_500_000);
      assert.deepEqual(readCriterion(dir), [
        { group: 'analysis', name: 'alipay', parameter: '10000', medianNs: 8_500_000 },
        { group: 'import', name: 'alipay_gbk', parameter: '10000', medianNs: 9_000_000 },
        { group: 'import', name: 'alipay_gbk', parameter: '100000', medianNs: 95_000_000 },
      ]);
      assert.deepEqual(readCriterion(join(dir, 'missing')), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the machine, the date, the figures and where the time goes', () => {
    const browser = {
      input: { file: 'target/bench-data/alipay-100000.csv', bytes: 15_253_285, rows: 100_000 },
      chromium: '156.0',
      baseline: { runs: 5, decodeMs: 98.2, papaparseMs: 118.8, totalMs: 219.2 },
      app: {
        runs: 3, endToEndMs: 260, endToEndAll: [260, 255, 283], ratioToBaseline: 1.19,
        coldStartEndToEndMs: 568.1, coldStartWorkerStartupMs: 225.5, longTasksOver50Ms: [0, 0, 0],
        longestTaskMs: 0, workerWasmMemoryMiB: 117.6, pageWasmMemoryMiB: 2.3, pageJsHeapUsedMiB: 4.8,
        inputToPostMs: 1.7, workerReadMs: 65.3, workerParseMs: 72.2, workerAnalyseMs: 87.4, replyToDoneMs: 24.9,
      },
      coldLoad: { beforeIdleGzipKiB: 274.8, beforeIdleRawKiB: 725.2 },
    };
    const native = [{ group: 'import', name: 'alipay_gbk', parameter: '100000', medianNs: 95_123_456 }];
    const text = benchSection({ machine: 'Test CPU, 2 cores', date: '2026-12-07 18:00 UTC', browser, native });
    for (const expected of [
      '2026-12-07 18:00 UTC, on Test CPU, 2 cores.', 'Chromium 156.0', '100,000 rows', '14.5 MiB',
      '**260 ms**', '1.19×', '274.8 KiB gzip', '117.6 MiB', '| reading the bytes (worker) | 65.3 ms | 25 % |',
      '| import / alipay_gbk | 100,000 | 95.1 ms |',
    ]) {
      assert.ok(text.includes(expected), `${expected} in:\n${text}`);
    }
    const built = benchSection({ machine: 'm', date: 'd', browser, native, nativeOptLevel: '"z"' });
    assert.ok(built.includes('built with `opt-level = "z"`'), built);
    const bare = benchSection({ machine: 'm', date: 'd', browser: null, native: [] });
    assert.match(bare, /No browser figures/);
    assert.match(bare, /No native figures/);
  });

  it('reads the release opt-level from Cargo.toml', () => {
    const toml = '[package]\nname = "x"\n\n[profile.release]\nopt-level = "z"\nlto = true\n\n[profile.engine]\nopt-level = 3\n';
    assert.equal(releaseOptLevel(toml), '"z"');
    assert.equal(releaseOptLevel('[profile.engine]\nopt-level = 3\n'), null);
    assert.equal(releaseOptLevel('[profile.release]\nlto = true\n[profile.engine]\nopt-level = 3\n'), null);
  });
});
