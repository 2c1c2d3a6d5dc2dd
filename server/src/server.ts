import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { registerAllowFlow } from './features/allow-flow-request';
import { CODE_ACTION_KINDS, registerCodeActions } from './features/code-actions';
import { COMPLETION_TRIGGERS, registerCompletion } from './features/completion';
import type { FeatureContext } from './features/context';
import { registerCodeLens } from './features/code-lens';
import { registerLensRefresh } from './features/lens-refresh';
import { registerDefinition } from './features/definition';
import { registerEndpoints } from './features/endpoints';
import { registerExplainRecords } from './features/explain-records';
import { registerHover } from './features/hover';
import { registerImpact } from './features/impact';
import { registerLogPreview } from './features/log-preview';
import { registerReachability } from './features/reachability';
import { registerSampleFlows } from './features/sample-flows';
import { registerSimulate } from './features/simulate';
import { registerSymbols } from './features/symbols';
import { findYamlFiles, isYamlFile, readFileText } from './read-file';
import type { FileText } from './read-file';
import { runSafe } from './run-safe';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import type { Settings } from './settings';
import { createWorkspace } from './workspace';
import { toSafeChanges } from './workspace/positions';

/** How the server reads the workspace's files: from the disk, or from a test's own. */
export interface ServerRuntime {
  readonly readFile: (file: string) => Promise<FileText>;
  /** Every YAML file under a folder. */
  readonly findFiles: (root: string) => Promise<string[]>;
}

const NODE_RUNTIME: ServerRuntime = { readFile: readFileText, findFiles: findYamlFiles };

/**
 * Wires the handlers; the work itself happens in ./workspace and the engine. The result stops
 * the server's timers, for a host that disposes the connection without a shutdown request.
 */
export function startServer(
  connection: Connection,
  runtime: ServerRuntime = NODE_RUNTIME,
): { dispose(): void } {
  const workspace = createWorkspace(connection);
  // Each change is noted before it is applied, so the analysis knows where the text changed.
  const documents = new TextDocuments({
    create: TextDocument.create,
    update: (document, changes, version) => {
      const safe = toSafeChanges(changes);
      workspace.noteChange(document, safe);
      return TextDocument.update(document, safe, version);
    },
  });
  let folders: string[] = [];
  let settings: Settings | undefined;
  let configurationSupported = false;
  let lensRefreshSupported = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders ?? [])
      .map((folder) => folder.uri)
      .concat(params.workspaceFolders ? [] : params.rootUri ? [params.rootUri] : [])
      .flatMap((uri) => toPath(uri) ?? []);
    configurationSupported = params.capabilities.workspace?.configuration === true;
    workspace.setRelatedSupported(
      params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true,
    );
    lensRefreshSupported = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: true },
        documentSymbolProvider: true,
        definitionProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        codeActionProvider: { codeActionKinds: CODE_ACTION_KINDS },
      },
      serverInfo: { name: 'netpol-lens' },
    };
  });

  connection.onInitialized(() => {
    void runSafe(connection, 'initialized', undefined, applySettings);
  });

  connection.onDidChangeConfiguration(() => {
    void runSafe(connection, 'configuration', undefined, applySettings);
  });

  let settingsRead = 0;
  let warned = '';

  /**
   * Reads the settings and applies them whole, then reads the folders again (the file filter
   * and the size limit decide what is read), analysing once at the end.
   */
  async function applySettings(): Promise<void> {
    const read = ++settingsRead;
    const next = await readSettings(connection, configurationSupported);
    // Settings read for a later change replace these.
    if (read !== settingsRead) {
      return;
    }
    settings = next;
    await workspace.batch(async () => {
      warnIgnored(workspace.configure(next, folders));
      await loadFolders(folders);
    });
  }

  function warnIgnored(ignored: readonly string[]): void {
    const message =
      ignored.length === 0 ? '' : `netpol-lens: ignoring ${ignored.join(', ')}: not a usable glob.`;
    // Once per mistake, not again at each change of another setting.
    if (message !== warned && message !== '') {
      // A notification, not a request: there is nothing to answer.
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message,
      });
    }
    warned = message;
  }

  async function loadFolders(roots: readonly string[]): Promise<void> {
    await workspace.batch(async () => {
      for (const root of roots) {
        const files = await runtime.findFiles(root).catch(() => []);
        for (const file of files) {
          await loadFromDisk(pathToFileURL(file).toString());
        }
      }
    });
  }

  async function loadFromDisk(uri: string): Promise<void> {
    if (documents.get(uri) !== undefined) {
      return;
    }
    // What the read gives holds only if nothing newer came for the file meanwhile.
    const read = workspace.startRead(uri);
    const file = toPath(uri);
    try {
      read(file === undefined ? undefined : await runtime.readFile(file));
    } catch {
      read(undefined);
    }
  }

  documents.onDidChangeContent(({ document }) => {
    workspace.setDocument(document);
  });

  documents.onDidClose(({ document }) => {
    // The editor's text may differ from the saved file: fall back to what is on disk.
    if (document.uri.startsWith('file:')) {
      void runSafe(connection, 'close', undefined, async () => {
        await loadFromDisk(document.uri);
        workspace.flush();
      });
    } else {
      workspace.remove(document.uri);
    }
  });

  connection.onDidChangeWatchedFiles(({ changes }) => {
    void runSafe(connection, 'watched files', undefined, () =>
      workspace.batch(async () => {
        for (const change of changes) {
          if (!isYamlFile(change.uri) || documents.get(change.uri) !== undefined) {
            continue;
          }
          if (change.type === FileChangeType.Deleted) {
            workspace.remove(change.uri);
          } else {
            await loadFromDisk(change.uri);
          }
        }
      }),
    );
  });

  const context: FeatureContext = {
    connection,
    documents,
    workspace,
    settings: () => settings ?? DEFAULT_SETTINGS,
  };
  registerHover(context);
  registerCodeLens(context);
  registerLensRefresh(context, () => lensRefreshSupported);
  registerSymbols(context);
  registerDefinition(context);
  registerLogPreview(context);
  registerSimulate(context);
  registerAllowFlow(context);
  registerEndpoints(context);
  registerSampleFlows(context);
  registerReachability(context);
  registerCompletion(context);
  registerCodeActions(context);
  registerExplainRecords(context);
  registerImpact(context);

  connection.onShutdown(() => workspace.dispose());
  documents.listen(connection);
  connection.listen();
  return { dispose: () => workspace.dispose() };
}

/** The local path of a file URI, if it names one (a network share or `%2F` does not). */
function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) {
    return undefined;
  }
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
