import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalysisHost, fileProblems } from '../engine';
import type { FileAnalysis, TextChange, WorkspaceAnalysis } from '../engine';
import type { FileText } from '../read-file';
import { createFileFilter } from '../file-filter';
import { DEFAULT_SETTINGS } from '../settings';
import type { Settings } from '../settings';
import { runSafe } from '../run-safe';
import { rangedChange } from './positions';
import type { Edited } from './positions';
import { createPublisher } from './publisher';
import { DEBOUNCE_MS, OTHER_FILES_MS } from './timing';

interface Entry {
  /** The editor's own document while it is open (kept up to date in place), else one from disk. */
  readonly document: TextDocument;
  readonly open: boolean;
  readonly invalidEncoding: boolean;
  /** Set when the file on disk was too large to read: its size in bytes. */
  readonly tooLarge?: number;
  /** Counts the texts this file had: diagnostics made for one revision hold only for it. */
  readonly revision: number;
}

/**
 * The server's picture of the workspace: every YAML file's text and analysis, re-analysed per
 * file on change, with the cross-file analysis run once per burst of changes.
 */
export type Workspace = ReturnType<typeof createWorkspace>;

export function createWorkspace(connection: Connection) {
  const entries = new Map<string, Entry>();
  const pending = new Set<string>();
  /** The version of each open document last analysed, and what changed in it since. */
  const analysed = new Map<string, number>();
  const changes = new Map<string, TextChange | null>();
  const noted = new Map<string, Edited | null>();
  /** Counts what happened to each file (opened, changed, read, removed): a read that started
   * before the latest of these is stale. */
  const generations = new Map<string, number>();
  let settings: Settings = DEFAULT_SETTINGS;
  let included: (uri: string) => boolean = () => true;
  let relatedSupported = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let others: ReturnType<typeof setTimeout> | undefined;
  // Every file's analysis and the workspace's, each brought forward from the one before.
  const host = createAnalysisHost();

  let loading = 0;

  let early: ReturnType<typeof setTimeout> | undefined;

  let disposed = false;

  const publisher = createPublisher(connection, {
    file: (uri) => entries.get(uri),
    included: (uri) => included(uri),
    settings: () => settings,
    relatedSupported: () => relatedSupported,
  });

  const onAnalysed: ((analysis: WorkspaceAnalysis, previous?: WorkspaceAnalysis) => void)[] = [];

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
    for (const uri of changed) {
      const entry = entries.get(uri);
      if (entry !== undefined) {
        analyze(uri, entry);
      }
    }
    const previous = host.analysis();
    const analysis = host.analyze(includedFiles(), {
      dataplane: settings.dataplane,
      clusterDns: settings.clusterDns,
    });
    onAnalysed.forEach((listener) => listener(analysis, previous));
    publisher.publish(analysis, changed, new Set(changed));
    if (others !== undefined) {
      clearTimeout(others);
    }
    others = setTimeout(
      safely('publishing', () => {
        others = undefined;
        publisher.publish(analysis, [...publisher.sent(), ...analysis.problems.keys()], new Set());
      }),
      OTHER_FILES_MS,
    );
  }

  function publishEarly(): void {
    early = undefined;
    if (loading === 0) {
      return;
    }
    for (const uri of pending) {
      const entry = entries.get(uri);
      if (entry?.open === true && included(uri)) {
        publisher.publishOwn(uri, fileProblems(analyze(uri, entry), settings.dataplane));
      }
    }
  }

  function analyze(uri: string, entry: Entry): FileAnalysis {
    const edit = changes.get(uri) ?? undefined;
    changes.delete(uri);
    analysed.set(uri, entry.document.version);
    return host.setFile(uri, entry.document.getText(), {
      maxFileSize: settings.maxFileSize,
      invalidEncoding: entry.invalidEncoding,
      tooLarge: entry.tooLarge,
      edit,
    });
  }

  function advance(uri: string): number {
    const generation = (generations.get(uri) ?? 0) + 1;
    generations.set(uri, generation);
    return generation;
  }

  function setText(uri: string, text: string, invalidEncoding: boolean, tooLarge?: number): void {
    publisher.noteEdited(uri, null);
    const document = TextDocument.create(uri, 'yaml', 0, text);
    update(uri, { document, open: false, invalidEncoding, tooLarge });
  }

  function remove(uri: string): void {
    advance(uri);
    entries.delete(uri);
    host.removeFile(uri);
    // Its empty list goes out with the next analysis.
    pending.add(uri);
    schedule();
  }

  function update(uri: string, entry: Omit<Entry, 'revision'>): void {
    advance(uri);
    const previous = entries.get(uri);
    entries.set(uri, { ...entry, revision: (previous?.revision ?? 0) + 1 });
    pending.add(uri);
    schedule();
  }

  /**
   * The files in the order of their URIs. What the engine lists across files (the policies a
   * verdict names) follows this order: the order the files came in would make a long-running
   * server say what a fresh one, reading the folder sorted, does not.
   */
  function includedFiles(): string[] {
    return [...entries.keys()].sort().filter((uri) => included(uri));
  }

  return {
    /**
     * Applies settings, values and file filter together, and analyses every file again (at the
     * end of a load, if one runs). Returns the globs that could not be used.
     */
    configure(next: Settings, folders: readonly string[]): readonly string[] {
      const filter = createFileFilter(next, folders);
      settings = next;
      included = filter.includes;
      host.forgetFiles();
      entries.forEach((_entry, uri) => pending.add(uri));
      if (loading === 0) {
        flush();
      }
      return filter.ignored;
    },
    setRelatedSupported(supported: boolean): void {
      relatedSupported = supported;
    },
    /** A file as read from disk. */
    setText,
    /**
     * Starts a read of a file from disk. The returned function takes its text (undefined if it
     * could not be read, and the file is removed), and ignores it if anything came for the file
     * meanwhile: the editor opened it (its text wins) or a later read started (it is newer).
     */
    startRead(uri: string): (read: FileText | undefined) => void {
      const generation = advance(uri);
      return (read) => {
        if (disposed || generations.get(uri) !== generation) {
          return;
        }
        if (read === undefined) {
          remove(uri);
        } else {
          setText(uri, read.text, read.invalidEncoding, read.tooLarge);
        }
      };
    },
    /**
     * Notes the editor's change of an open document, before it is applied: one ranged change to
     * the text last analysed lets the analysis skip comparing the texts; anything else is unknown.
     */
    noteChange(document: TextDocument, change: TextDocumentContentChangeEvent[]): void {
      const ranged = rangedChange(document, change);
      noted.set(document.uri, ranged && { from: ranged.start, linesKept: ranged.linesKept });
      const known =
        ranged !== null &&
        analysed.get(document.uri) === document.version &&
        !changes.has(document.uri);
      changes.set(document.uri, known ? ranged : null);
    },
    /** A document open in the editor, after each change. */
    setDocument(document: TextDocument): void {
      publisher.noteEdited(document.uri, noted.get(document.uri) ?? null);
      noted.delete(document.uri);
      update(document.uri, { document, open: true, invalidEncoding: false });
    },
    remove,
    flush,
    /** Stops the timers: nothing is analysed or sent any more. */
    dispose(): void {
      disposed = true;
      for (const pending of [timer, others, early]) {
        if (pending !== undefined) {
          clearTimeout(pending);
        }
      }
    },
    /** Runs `load` with analysis held back, then analyses everything it loaded at once. */
    async batch(load: () => Promise<void>): Promise<void> {
      loading++;
      try {
        await load();
      } finally {
        loading--;
      }
      if (loading === 0) {
        flush();
      }
    },
    file(uri: string): FileAnalysis | undefined {
      return host.file(uri);
    },
    analysis(): WorkspaceAnalysis | undefined {
      return host.analysis();
    },
    /** Calls `listener` after each analysis of the whole workspace, with the one before. */
    onAnalysis(listener: (analysis: WorkspaceAnalysis, previous?: WorkspaceAnalysis) => void) {
      onAnalysed.push(listener);
    },
  };
}
