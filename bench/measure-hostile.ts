import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatBytes, formatMs, spread } from './stats';

/** One hostile file of issue 15, and how `check` fared on it. */
export interface HostileRow {
  readonly label: string;
  readonly time: string;
  readonly peakRss: string;
  readonly outcome: string;
}

// The two files of issue 15: a mapping that `yaml` must read (an anchor sends it there) whose
// duplicate-key check used to be quadratic, and a million entries that used to become a million
// problems. Both are under the default size limit of 5 MB.
const FILES: readonly { label: string; name: string; text: () => string }[] = [
  {
    label: '`x: &a 1` then 100,000 `kN: v` lines (1 MB; item 1)',
    name: 'anchor-then-100k-keys.yaml',
    text: () => `x: &a 1\n${Array.from({ length: 100_000 }, (_, index) => `k${index}: v\n`).join('')}`,
  },
  {
    label: '999,999 lines of `a: b` (5 MB; item 2)',
    name: 'million-duplicate-keys.yaml',
    text: () => 'a: b\n'.repeat(999_999),
  },
];

// Loaded before the CLI: writes the process's own peak RSS (kB) where the bench asks, at exit.
const PEAK_RSS_PRELOAD = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.NETPOL_BENCH_RSS, String(process.resourceUsage().maxRSS));
});
`;

const TIMEOUT_MS = 600_000;

/** Times `netpol-lens check` (the built CLI, as a process) on each hostile file, `runs` times. */
export function measureHostile(cli: string, runs: number): HostileRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-hostile-'));
  try {
    const preload = join(dir, 'peak-rss.cjs');
    writeFileSync(preload, PEAK_RSS_PRELOAD);
    return FILES.map((file) => {
      const path = join(dir, file.name);
      writeFileSync(path, file.text());
      return measureFile(file.label, cli, preload, path, runs);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measureFile(label: string, cli: string, preload: string, path: string, runs: number): HostileRow {
  const times: number[] = [];
  const peaks: number[] = [];
  let outcome = '';
  for (let run = 0; run < runs; run++) {
    const rssFile = `${path}.rss`;
    const start = performance.now();
    const result = spawnSync(process.execPath, ['--require', preload, cli, 'check', path, '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, NETPOL_BENCH_RSS: rssFile },
      maxBuffer: 1 << 30,
      timeout: TIMEOUT_MS,
    });
    const elapsed = performance.now() - start;
    if (result.error !== undefined || result.status === null) {
      return { label, time: `timeout (${formatMs(TIMEOUT_MS)})`, peakRss: 'n/a', outcome: String(result.error ?? result.signal) };
    }
    times.push(elapsed);
    peaks.push(Number(readFileSync(rssFile, 'utf8')) * 1024);
    outcome = describeOutcome(result.status, result.stdout);
  }
  return { label, time: spread(times), peakRss: spread(peaks, formatBytes), outcome };
}

function describeOutcome(status: number, stdout: string): string {
  try {
    const { problems } = JSON.parse(stdout) as { problems: { code: string }[] };
    const codes = [...new Set(problems.map((problem) => problem.code))].join(', ');
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    return `exit ${status}; ${count}${codes === '' ? '' : ` (${codes})`}`;
  } catch {
    return `exit ${status}; output is not JSON`;
  }
}

/** The rows as a Markdown table. */
export function hostileTable(rows: readonly HostileRow[]): string {
  return [
    '| Hostile file: `netpol-lens check FILE` as a process | time (min / median / max) | peak RSS | result |',
    '| --- | --- | --- | --- |',
    ...rows.map((row) => `| ${row.label} | ${row.time} | ${row.peakRss} | ${row.outcome} |`),
  ].join('\n');
}
