import type { Figure } from './stats';
import { formatMs, median, quantile, spread } from './stats';

export type Cell = string;

/** Rows of the one table: a label, then one cell per scale. */
export class Table {
  readonly #scales: readonly string[];
  readonly #rows: { label: string; cells: Map<string, Cell> }[] = [];

  constructor(scales: readonly string[]) {
    this.#scales = scales;
  }

  set(label: string, scale: string, cell: Cell): void {
    let row = this.#rows.find((candidate) => candidate.label === label);
    if (row === undefined) {
      row = { label, cells: new Map() };
      this.#rows.push(row);
    }
    row.cells.set(scale, cell);
  }

  toMarkdown(): string {
    const escape = (text: string): string => text.replaceAll('|', '\\|');
    const lines = [`| Figure | ${this.#scales.join(' | ')} |`, `| --- | ${this.#scales.map(() => '---').join(' | ')} |`];
    for (const row of this.#rows) {
      lines.push(`| ${escape(row.label)} | ${this.#scales.map((scale) => escape(row.cells.get(scale) ?? '')).join(' | ')} |`);
    }
    return lines.join('\n');
  }
}

export function cellOf(figure: Figure | undefined, format: (value: number) => string = formatMs): Cell {
  if (figure === undefined) {
    return 'n/a';
  }
  return 'missing' in figure ? figure.missing : spread(figure.samples, format);
}

/** p50 and p95 of edit latencies. */
export function percentiles(figure: Figure | undefined): Cell {
  if (figure === undefined) {
    return 'n/a';
  }
  if ('missing' in figure) {
    return figure.missing;
  }
  return `p50 ${formatMs(quantile(figure.samples, 0.5))} · p95 ${formatMs(quantile(figure.samples, 0.95))} (n=${figure.samples.length})`;
}

export function medianOf(figure: Figure | undefined): number | undefined {
  return figure === undefined || 'missing' in figure || figure.samples.length === 0 ? undefined : median(figure.samples);
}

/** `a / b` as "0.02× (50× faster)". */
export function ratio(ours: number | undefined, theirs: number | undefined): Cell {
  if (ours === undefined || theirs === undefined || theirs <= 0 || ours <= 0) {
    return 'n/a';
  }
  const value = ours / theirs;
  return value < 1 ? `${value.toFixed(3)}× (${(1 / value).toFixed(1)}× faster)` : `${value.toFixed(2)}× (slower)`;
}
