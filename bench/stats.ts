/** A measured figure: samples in milliseconds (or another unit), or why there are none. */
export type Figure = { readonly samples: readonly number[] } | { readonly missing: string };

export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  const a = sorted[low] ?? Number.NaN;
  const b = sorted[high] ?? Number.NaN;
  return a + (b - a) * (at - low);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) {
    return 'n/a';
  }
  if (ms >= 10_000) {
    return `${(ms / 1000).toFixed(1)} s`;
  }
  if (ms >= 1_000) {
    return `${(ms / 1000).toFixed(2)} s`;
  }
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatCount(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  if (value >= 1e6) {
    return `${(value / 1e6).toFixed(2)} M`;
  }
  return value >= 1e3 ? `${(value / 1e3).toFixed(1)} k` : value.toFixed(0);
}

export function formatBytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

/** "min / median / max" with a unit formatter. */
export function spread(samples: readonly number[], format: (value: number) => string = formatMs): string {
  if (samples.length === 0) {
    return 'n/a';
  }
  if (samples.length === 1) {
    return format(samples[0] ?? Number.NaN);
  }
  return `${format(Math.min(...samples))} / ${format(median(samples))} / ${format(Math.max(...samples))}`;
}

/** Runs `work` once to warm up, then `runs` times, returning the elapsed milliseconds of each. */
export function timeRuns(runs: number, work: () => void): number[] {
  work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    samples.push(performance.now() - start);
  }
  return samples;
}
