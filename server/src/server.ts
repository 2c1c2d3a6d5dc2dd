import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CODE_ACTION_KINDS, registerCodeActions } from './features/code-actions';
import { COMPLETION_TRIGGERS, registerCompletion } from './features/completion';
import type { FeatureContext } from './features/context';
import { registerCodeLens } from './features/code-lens';
import { registerLensRefresh } from './features/lens-refresh';
import { registerDefinition } from './features/definition';
import { registerEndpoints } from './features/endpoints';
import { registerExplainRecords } from './features/explain-records';
import { registerHover } from './features/hover';
import { registerLogPreview } from './features/log-preview';
import { registerReachability } from './features/reachability';
import { registerSampleFlows } from './features/sample-flows';
import { registerSimulate } from './features/simulate';
import { registerSymbols } from './features/symbols';
import { findYamlFiles, isYamlFile, readFileText } from './read-file';
import { runSafe } from './run-safe';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import type { Settings } from './settings';
import { createWorkspace } from './workspace';

/**
 * Wires the handlers; the work itself happens in ./workspace and the engine. The result stops
 * the server's timers, for a host that disposes the connection without a shutdown request.
 */
export function startServer(connection: Connection): { dispose(): void } {
  const workspace = createWorkspace(connection);
  // Each change is noted before it is applied, so the analysis knows where the text changed.
  const documents = new TextDocuments({
    create: TextDocument.create,
    update: (document, changes, version) => {
      workspace.noteChange(document, changes);
      return TextDocument.update(document, changes, version);
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
      .filter((uri) => uri.startsWith('file:'))
      .map((uri) => fileURLToPath(uri));
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
    void runSafe(connection, 'initialized', undefined, async () => {
      settings = await readSettings(connection, configurationSupported);
      workspace.configure(settings, folders);
      await loadFolders(folders);
    });
  });

  connection.onDidChangeConfiguration(() => {
    void runSafe(connection, 'configuration', undefined, async () => {
      settings = await readSettings(connection, configurationSupported);
      workspace.configure(settings, folders);
    });
  });

  async function loadFolders(roots: readonly string[]): Promise<void> {
    await workspace.batch(async () => {
      for (const root of roots) {
        const files = await findYamlFiles(root).catch(() => []);
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
    try {
      const { text, invalidEncoding } = await readFileText(fileURLToPath(uri));
      workspace.setText(uri, text, invalidEncoding);
    } catch {
      workspace.remove(uri);
    }
  }

  documents.onDidChangeContent(({ document }) => {
    workspace.setDocument(document);
  });

  documents.onDidClose(({ document }) => {
    // The editor's text may differ from the saved file: fall back to what is on disk.
    if (document.uri.startsWith('file:')) {
      void loadFromDisk(document.uri).then(() => workspace.flush());
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
  registerEndpoints(context);
  registerSampleFlows(context);
  registerReachability(context);
  registerCompletion(context);
  registerCodeActions(context);
  registerExplainRecords(context);

  connection.onShutdown(() => workspace.dispose());
  documents.listen(connection);
  connection.listen();
  return { dispose: () => workspace.dispose() };
}
