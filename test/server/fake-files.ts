import * as path from 'node:path';
import type { FileText } from '../../server/src/read-file';
import type { ServerRuntime } from '../../server/src/server';

/**
 * Files in memory for a server under test. A read takes the text at the moment it starts and
 * gives it when the test says so: with `held`, reads wait in `pending` until released one by
 * one, in any order, which is how a test makes a slow disk race the editor.
 */
export interface FakeFiles {
  readonly runtime: ServerRuntime;
  write(file: string, text: string): void;
  delete(file: string): void;
  /** Whether reads wait for `release` (true) or answer at once. */
  hold(held: boolean): void;
  /** The reads that wait, oldest first. */
  readonly pending: readonly PendingRead[];
  /** Gives the answer of a waiting read (the oldest if none is named). */
  release(read?: PendingRead): void;
  /** Resolves once `count` reads wait. */
  waiting(count: number): Promise<void>;
}

export interface PendingRead {
  readonly file: string;
}

export function createFakeFiles(initial: Record<string, string> = {}): FakeFiles {
  const texts = new Map(Object.entries(initial));
  const pending: (PendingRead & { answer(): void })[] = [];
  const waiters: { count: number; resolve(): void }[] = [];
  let held = false;

  function readFile(file: string): Promise<FileText> {
    const text = texts.get(file);
    const result = () =>
      text === undefined
        ? Promise.reject(new Error(`ENOENT: no such file, open '${file}'`))
        : Promise.resolve({ text, invalidEncoding: false });
    if (!held) {
      return result();
    }
    const answered = new Promise<void>((answer) => pending.push({ file, answer }));
    for (const waiter of waiters.filter((each) => each.count <= pending.length)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    return answered.then(result);
  }

  async function findFiles(root: string): Promise<string[]> {
    await Promise.resolve();
    return [...texts.keys()].filter((file) => file.startsWith(root + path.sep)).sort();
  }

  return {
    runtime: { readFile, findFiles },
    write: (file, text) => texts.set(file, text),
    delete: (file) => texts.delete(file),
    hold: (next) => {
      held = next;
    },
    pending,
    release(read) {
      const index = read === undefined ? 0 : pending.indexOf(read as (typeof pending)[number]);
      const [released] = index < 0 ? [] : pending.splice(index, 1);
      released?.answer();
    },
    waiting: (count) =>
      pending.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
  };
}
