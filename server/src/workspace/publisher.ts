import type { Connection, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, WorkspaceAnalysis } from '../engine';
import type { Settings } from '../settings';
import { toDiagnostic } from '../to-lsp';
import type { Edited } from './positions';

/** What the publisher reads of the workspace. */
export interface PublisherView {
  /** A file's current document, and which of its texts that is; undefined once it is gone. */
  file(uri: string): { readonly document: TextDocument; readonly revision: number } | undefined;
  included(uri: string): boolean;
  settings(): Settings;
}

/**
 * Sends diagnostics, and remembers what it sent for each file: a file whose problems are the
 * same objects as last time is not sent again, and a diagnostic the edits since cannot have
 * moved is reused rather than converted again.
 */
export function createPublisher(connection: Connection, view: PublisherView) {
  /** What was last sent for each file: the engine's problems, for which text, as what. */
  const published = new Map<
    string,
    {
      readonly problems: readonly Problem[];
      readonly revision: number | undefined;
      readonly diagnosticOf: ReadonlyMap<Problem, Diagnostic | undefined>;
    }
  >();
  /** What the editor's changes since a file's last publish left in place (null: unknown). */
  const editedSince = new Map<string, Edited | null>();
  /** Whether the client shows a diagnostic's related places; it says so once, when it starts. */
  let relatedSupported = false;

  /** Sends the diagnostics of each file whose problems differ from what was last sent. */
  function publish(
    analysis: WorkspaceAnalysis,
    uris: Iterable<string>,
    changed: ReadonlySet<string>,
  ): void {
    for (const uri of new Set(uris)) {
      const entry = view.file(uri);
      const problems =
        entry === undefined || !view.included(uri) ? [] : (analysis.problems.get(uri) ?? []);
      const last = published.get(uri);
      // The engine keeps a file's list of problems while they are the same objects.
      if (last !== undefined && last.problems === problems && !changed.has(uri)) {
        continue;
      }
      const version = entry?.document.version;
      const revision = entry?.revision;
      const edited = editedSince.get(uri);
      editedSince.delete(uri);
      // At the same revision, every problem published before keeps its diagnostic; after
      // edits whose extent is known, those whose positions the edits cannot have moved. The
      // same object again is one the encoder has written already (see ../message-encoder).
      const keeps =
        last === undefined
          ? undefined
          : last.revision === revision
            ? () => true
            : edited !== undefined && edited !== null
              ? (problem: Problem) =>
                  problem.related === undefined &&
                  (edited.linesKept || problem.span.end <= edited.from)
              : undefined;
      const diagnosticOf = new Map<Problem, Diagnostic | undefined>();
      const diagnostics: Diagnostic[] = [];
      for (const problem of problems) {
        const diagnostic =
          last?.diagnosticOf.has(problem) && keeps?.(problem) === true
            ? last.diagnosticOf.get(problem)
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
    const verdictSeverity = view.settings().flowVerdictSeverity;
    if (problem.code === 'flow-verdict' && verdictSeverity !== problem.severity) {
      if (verdictSeverity === 'none') {
        return undefined;
      }
      problem = { ...problem, severity: verdictSeverity };
    }
    return toDiagnostic(document, problem, (other) => view.file(other)?.document, relatedSupported);
  }

  function noteEdited(uri: string, edited: Edited | null): void {
    const prior = editedSince.get(uri);
    editedSince.set(
      uri,
      prior === undefined
        ? edited
        : prior === null || edited === null
          ? null
          : {
              from: Math.min(prior.from, edited.from),
              linesKept: prior.linesKept && edited.linesKept,
            },
    );
  }

  /**
   * Sends a file's own problems before the workspace is analysed (while a folder loads). They
   * are kept as sent, so that the analysis at the end replaces them even if the file has gone
   * by then; its list is never the same object as this one, so it goes out anyway.
   */
  function publishOwn(uri: string, problems: readonly Problem[]): void {
    const entry = view.file(uri);
    if (entry === undefined) {
      return;
    }
    const diagnosticOf = new Map(
      problems.map((problem) => [problem, toDiagnosticOf(entry.document, problem)]),
    );
    published.set(uri, { problems, revision: entry.revision, diagnosticOf });
    const diagnostics = [...diagnosticOf.values()].flatMap((diagnostic) => diagnostic ?? []);
    void connection.sendDiagnostics({ uri, version: entry.document.version, diagnostics });
  }

  /**
   * Sends the files no edit touched, once the edits pause: those the analysis finds problems in,
   * and those sent diagnostics before, which may need replacing with none.
   */
  function publishRest(analysis: WorkspaceAnalysis): void {
    publish(analysis, [...published.keys(), ...analysis.problems.keys()], new Set());
  }

  function setRelatedSupported(supported: boolean): void {
    relatedSupported = supported;
  }

  return {
    publish,
    publishOwn,
    publishRest,
    noteEdited,
    setRelatedSupported,
  };
}
