import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

export function describeMachine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  return `${model}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, ${process.platform}`;
}

export function load(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');
}

/** A number assigned in a source file (a debounce constant), or undefined. */
export function constantIn(path: string, pattern: RegExp): number | undefined {
  if (!existsSync(path)) {
    return undefined;
  }
  const match = pattern.exec(readFileSync(path, 'utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
