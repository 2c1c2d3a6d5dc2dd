import type { Connection } from 'vscode-languageserver/node';
import { runSafe } from '../run-safe';
import { DEBOUNCE_MS, OTHER_FILES_MS } from './timing';

/** The work the scheduler times; it knows files only by their URIs. */
export interface ScheduledWork {
  /**
   * Analyses the files changed since the last analysis, then the workspace, and publishes the
   * changed files. Returns the publishing of every other file, which waits for the edits to pause.
   */
  analyze(changed: readonly string[]): () => void;
  /** While a folder loads: publishes what a changed file can say of itself before the rest. */
  early(uri: string): void;
}

/**
 * When the workspace is analysed and published: once per burst of changes, after a folder has
 * loaded rather than per file read, and the files nobody edited once the edits pause. It holds
 * the changed files until then, and only its timers run work unasked.
 */
export type Scheduler = ReturnType<typeof createScheduler>;

export function createScheduler(connection: Connection, work: ScheduledWork) {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let others: ReturnType<typeof setTimeout> | undefined;
  let early: ReturnType<typeof setTimeout> | undefined;
  let loading = 0;
  let disposed = false;

  /** A timer's callback: what it throws is logged, and the next change schedules it again. */
  function safely(what: string, callback: () => void): () => void {
    return () => void runSafe(connection, what, undefined, callback);
  }

  function schedule(): void {
    if (disposed) {
      return;
    }
    // While a folder loads, one analysis at the end replaces one per file read; a file the
    // editor opened meanwhile gets its own problems at once, and its verdicts with the rest.
    if (loading > 0) {
      early ??= setTimeout(safely('early analysis', publishEarly), DEBOUNCE_MS);
      return;
    }
    if (timer !== undefined) {
      clearTimeout(timer);
    }
    timer = setTimeout(safely('analysis', flush), DEBOUNCE_MS);
    // What the next analysis publishes replaces it.
    if (others !== undefined) {
      clearTimeout(others);
      others = undefined;
    }
  }

  /** Analyses what changed now, without waiting for the timer. */
  function flush(): void {
    if (disposed) {
      return;
    }
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const changed = [...pending];
    pending.clear();
    const publishOthers = work.analyze(changed);
    if (others !== undefined) {
      clearTimeout(others);
    }
    others = setTimeout(
      safely('publishing', () => {
        others = undefined;
        publishOthers();
      }),
      OTHER_FILES_MS,
    );
  }

  function publishEarly(): void {
    early = undefined;
    if (loading === 0) {
      return;
    }
    // Still pending: the analysis at the end of the load reads them again.
    for (const uri of pending) {
      work.early(uri);
    }
  }

  /** A file changed or went: it is analysed with the other changes of its burst. */
  function changed(uri: string): void {
    pending.add(uri);
    schedule();
  }

  /** Every file is to be analysed again: now, or at the end of the load that runs. */
  function analyzeAll(uris: Iterable<string>): void {
    for (const uri of uris) {
      pending.add(uri);
    }
    if (loading === 0) {
      flush();
    }
  }

  /** Runs `load` with analysis held back, then analyses everything it loaded at once. */
  async function batch(load: () => Promise<void>): Promise<void> {
    loading++;
    try {
      await load();
    } finally {
      loading--;
    }
    if (loading === 0) {
      flush();
    }
  }

  /** Stops the timers: nothing is analysed or sent any more. */
  function dispose(): void {
    disposed = true;
    for (const pending of [timer, others, early]) {
      if (pending !== undefined) {
        clearTimeout(pending);
      }
    }
  }

  return { changed, analyzeAll, flush, batch, dispose };
}
