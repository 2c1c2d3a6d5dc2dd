import type {
  Connection,
  Diagnostic,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile, analyzeWorkspace, fileProblems } from './engine';
import type { FileAnalysis, Problem, TextChange, WorkspaceAnalysis } from './engine';
import { createFileFilter } from './file-filter';
import { DEFAULT_SETTINGS } from './settings';
import type { Settings } from './settings';
import { toDiagnostic } from './to-lsp';

// No waiting: an edit is analysed on the next turn of the event loop, and the keystrokes that
// arrive while an analysis runs are analysed together by the next one.
const DEBOUNCE_MS = 0;

interface Entry {
  /** The editor's own document while it is open (kept up to date in place), else one from disk. */
  readonly document: TextDocument;
  readonly open: boolean;
  readonly invalidEncoding: boolean;
  /** Counts the texts this file had: diagnostics made for one revision hold only for it. */
  readonly revision: number;
  analysis?: FileAnalysis;
}

/**
 * The server's picture of the workspace: every YAML file's text and analysis, re-analysed per
 * file on change, with the cross-file analysis run once per burst of changes.
 */
export type Workspace = ReturnType<typeof createWorkspace>;

export function createWorkspace(connection: Connection) {
  const entries = new Map<string, Entry>();
  const pending = new Set<string>();
  /** What was last sent for each file: the engine's problems, for which text, as what. */
  const published = new Map<
    string,
    {
      readonly problems: readonly Problem[];
      readonly revision: number | undefined;
      readonly diagnosticOf: ReadonlyMap<Problem, Diagnostic | undefined>;
    }
  >();
  /** The version of each open document last analysed, and what changed in it since. */
  const analysed = new Map<string, number>();
  const changes = new Map<string, TextChange | null>();
  let settings: Settings = DEFAULT_SETTINGS;
  let included: (uri: string) => boolean = () => true;
  let relatedSupported = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: WorkspaceAnalysis | undefined;

  let loading = 0;

  let early: ReturnType<typeof setTimeout> | undefined;

  function schedule(): void {
    // While a folder loads, one analysis at the end replaces one per file read; a file the
    // editor opened meanwhile gets its own problems at once, and its verdicts with the rest.
    if (loading > 0) {
      early ??= setTimeout(publishEarly, DEBOUNCE_MS);
      return;
    }
    if (timer !== undefined) {
      clearTimeout(timer);
    }
    timer = setTimeout(flush, DEBOUNCE_MS);
  }

  function flush(): void {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    const changed = [...pending];
    pending.clear();
    for (const uri of changed) {
      const entry = entries.get(uri);
      if (entry !== undefined) {
        entry.analysis = analyze(uri, entry);
      }
    }
    current = analyzeWorkspace(files(), { dataplane: settings.dataplane }, current);
    publish(current, new Set(changed));
  }

  function publishEarly(): void {
    early = undefined;
    if (loading === 0) {
      return;
    }
    for (const uri of pending) {
      const entry = entries.get(uri);
      if (entry?.open === true && included(uri)) {
        entry.analysis = analyze(uri, entry);
        const problems = fileProblems(entry.analysis, settings.dataplane);
        published.delete(uri);
        const diagnostics = problems.flatMap(
          (problem) => toDiagnosticOf(entry.document, problem) ?? [],
        );
        void connection.sendDiagnostics({ uri, version: entry.document.version, diagnostics });
      }
    }
  }

  function analyze(uri: string, entry: Entry): FileAnalysis {
    const edit = changes.get(uri) ?? undefined;
    changes.delete(uri);
    analysed.set(uri, entry.document.version);
    return analyzeFile(
      uri,
      entry.document.getText(),
      { maxFileSize: settings.maxFileSize, invalidEncoding: entry.invalidEncoding, edit },
      entry.analysis,
    );
  }

  function update(uri: string, entry: Omit<Entry, 'analysis' | 'revision'>): void {
    const previous = entries.get(uri);
    entries.set(uri, {
      ...entry,
      revision: (previous?.revision ?? 0) + 1,
      analysis: previous?.analysis,
    });
    pending.add(uri);
    schedule();
  }

  function* files(): Iterable<FileAnalysis> {
    for (const [uri, entry] of entries) {
      if (entry.analysis !== undefined && included(uri)) {
        yield entry.analysis;
      }
    }
  }

  function publish(analysis: WorkspaceAnalysis, changed: ReadonlySet<string>): void {
    // The files just edited first: the user is looking at them.
    const uris = new Set([...changed, ...published.keys(), ...analysis.problems.keys()]);
    for (const uri of uris) {
      const entry = entries.get(uri);
      const problems =
        entry === undefined || !included(uri) ? [] : (analysis.problems.get(uri) ?? []);
      const last = published.get(uri);
      // The engine keeps a file's list of problems while they are the same objects.
      if (last !== undefined && last.problems === problems && !changed.has(uri)) {
        continue;
      }
      const version = entry?.document.version;
      const revision = entry?.revision;
      const before = last?.revision === revision ? last?.diagnosticOf : undefined;
      const diagnosticOf = new Map<Problem, Diagnostic | undefined>();
      const diagnostics: Diagnostic[] = [];
      for (const problem of problems) {
        const diagnostic = before?.has(problem)
          ? before.get(problem)
          : entry && toDiagnosticOf(entry.document, problem);
        diagnosticOf.set(problem, diagnostic);
        if (diagnostic !== undefined) {
          diagnostics.push(diagnostic);
        }
      }
      if (diagnostics.length === 0 && entry === undefined) {
        published.delete(uri);
      } else {
        published.set(uri, { problems, revision, diagnosticOf });
      }
      void connection.sendDiagnostics({ uri, version, diagnostics });
    }
  }

  // At the same version of a document, a problem published before keeps its diagnostic.
  function toDiagnosticOf(document: TextDocument, problem: Problem): Diagnostic | undefined {
    if (problem.code === 'flow-verdict' && settings.flowVerdictSeverity !== 'information') {
      if (settings.flowVerdictSeverity === 'none') {
        return undefined;
      }
      problem = { ...problem, severity: 'hint' };
    }
    return toDiagnostic(
      document,
      problem,
      (other) => entries.get(other)?.document,
      relatedSupported,
    );
  }

  return {
    configure(next: Settings, folders: readonly string[]): void {
      settings = next;
      included = createFileFilter(next, folders);
      for (const [uri, entry] of entries) {
        entry.analysis = undefined;
        pending.add(uri);
      }
      flush();
    },
    setRelatedSupported(supported: boolean): void {
      relatedSupported = supported;
    },
    /** A file as read from disk. */
    setText(uri: string, text: string, invalidEncoding: boolean): void {
      const document = TextDocument.create(uri, 'yaml', 0, text);
      update(uri, { document, open: false, invalidEncoding });
    },
    /** A document open in the editor, after each change. */
    /**
     * Notes the editor's change of an open document, before it is applied: one ranged change to
     * the text last analysed lets the analysis skip comparing the texts; anything else is unknown.
     */
    noteChange(document: TextDocument, change: TextDocumentContentChangeEvent[]): void {
      const [only] = change;
      const known =
        change.length === 1 &&
        only !== undefined &&
        'range' in only &&
        analysed.get(document.uri) === document.version &&
        !changes.has(document.uri);
      changes.set(
        document.uri,
        known
          ? {
              start: document.offsetAt(only.range.start),
              end: document.offsetAt(only.range.end),
              inserted: only.text.length,
            }
          : null,
      );
    },
    setDocument(document: TextDocument): void {
      update(document.uri, { document, open: true, invalidEncoding: false });
    },
    remove(uri: string): void {
      entries.delete(uri);
      pending.delete(uri);
      schedule();
    },
    flush,
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
      return entries.get(uri)?.analysis;
    },
    analysis(): WorkspaceAnalysis | undefined {
      return current;
    },
  };
}
