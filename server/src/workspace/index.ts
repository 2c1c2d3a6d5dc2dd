import type { Connection } from 'vscode-languageserver/node';
import { createAnalysisHost, fileProblems } from '../engine';
import type { FileAnalysis, WorkspaceAnalysis } from '../engine';
import { createFileFilter } from '../file-filter';
import { DEFAULT_SETTINGS } from '../settings';
import type { Settings } from '../settings';
import { createDocumentStore } from './document-store';
import { createPublisher } from './publisher';
import { createScheduler } from './scheduler';

type Listener = (analysis: WorkspaceAnalysis, previous?: WorkspaceAnalysis) => void;

/**
 * The server's picture of the workspace: every YAML file's text and analysis, re-analysed per
 * file on change, with the cross-file analysis run once per burst of changes. Only wiring: the
 * texts are the document store's, the timing is the scheduler's, what was sent the publisher's.
 */
export type Workspace = ReturnType<typeof createWorkspace>;

export function createWorkspace(connection: Connection) {
  let settings: Settings = DEFAULT_SETTINGS;
  let included: (uri: string) => boolean = () => true;
  // Every file's analysis and the workspace's, each brought forward from the one before.
  const host = createAnalysisHost();
  const onAnalysed: Listener[] = [];
  const store = createDocumentStore({
    changed: (uri) => scheduler.changed(uri),
    removed: (uri) => host.removeFile(uri),
    edited: (uri, edited) => publisher.noteEdited(uri, edited),
  });
  const publisher = createPublisher(connection, {
    file: (uri) => store.entry(uri),
    included: (uri) => included(uri),
    settings: () => settings,
  });
  const scheduler = createScheduler(connection, {
    analyze(changed) {
      changed.forEach((uri) => analyze(uri));
      const previous = host.analysis();
      const { dataplane, clusterDns } = settings;
      const files = store.sortedUris().filter((uri) => included(uri));
      const analysis = host.analyze(files, { dataplane, clusterDns });
      onAnalysed.forEach((listener) => listener(analysis, previous));
      publisher.publish(analysis, changed, new Set(changed));
      return () => publisher.publishRest(analysis);
    },
    early(uri) {
      const own = store.entry(uri)?.open === true && included(uri) && analyze(uri);
      if (own) {
        publisher.publishOwn(uri, fileProblems(own, settings.dataplane));
      }
    },
  });

  function analyze(uri: string): FileAnalysis | undefined {
    const file = store.analysing(uri);
    const { maxFileSize } = settings;
    return file && host.setFile(uri, file.text, { maxFileSize, ...file.options });
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
      scheduler.analyzeAll(store.uris());
      return filter.ignored;
    },
    setRelatedSupported: publisher.setRelatedSupported,
    setText: store.setText,
    startRead: store.startRead,
    noteChange: store.noteChange,
    setDocument: store.setDocument,
    remove: store.remove,
    flush: scheduler.flush,
    batch: scheduler.batch,
    /** Stops the timers and drops the reads still running: nothing is analysed or sent any more. */
    dispose(): void {
      store.dispose();
      scheduler.dispose();
    },
    file: (uri: string): FileAnalysis | undefined => host.file(uri),
    analysis: (): WorkspaceAnalysis | undefined => host.analysis(),
    /** Calls `listener` after each analysis of the whole workspace, with the one before. */
    onAnalysis: (listener: Listener): void => void onAnalysed.push(listener),
  };
}
