import { fileURLToPath, pathToFileURL } from 'node:url';
import { FileChangeType, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type {
  Connection,
  Hover,
  InitializeParams,
  InitializeResult,
  TextDocumentPositionParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describeAt, renderLogDocument } from './engine';
import { logPreviewRequest, simulateFlowRequest } from './protocol';
import type { SimulateFlowResult } from './protocol';
import { simulate } from './simulate';
import { findYamlFiles, isYamlFile, readFileText } from './read-file';
import { renderFieldHover, renderFlowHover } from './hover';
import { runSafe } from './run-safe';
import { readSettings } from './settings';
import type { Settings } from './settings';
import { toRange } from './to-lsp';
import { createWorkspace } from './workspace';

/** Wires the handlers; the work itself happens in ./workspace and the engine. */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let folders: string[] = [];
  let settings: Settings | undefined;
  let configurationSupported = false;
  const workspace = createWorkspace(connection);

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
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
      },
      serverInfo: { name: 'netpol-lens' },
    };
  });

  connection.onInitialized(() => {
    void runSafe(connection, 'initialized', undefined, async () => {
      settings = await readSettings(connection, configurationSupported);
      workspace.configure(settings);
      await loadFolders(folders);
    });
  });

  connection.onDidChangeConfiguration(() => {
    void runSafe(connection, 'configuration', undefined, async () => {
      settings = await readSettings(connection, configurationSupported);
      workspace.configure(settings);
    });
  });

  async function loadFolders(roots: readonly string[]): Promise<void> {
    for (const root of roots) {
      const files = await findYamlFiles(root).catch(() => []);
      for (const file of files) {
        await loadFromDisk(pathToFileURL(file).toString());
      }
    }
    workspace.flush();
  }

  async function loadFromDisk(uri: string): Promise<void> {
    if (documents.get(uri) !== undefined) {
      return;
    }
    try {
      const { text, invalidEncoding } = await readFileText(fileURLToPath(uri));
      workspace.setText(uri, text, undefined, invalidEncoding);
    } catch {
      workspace.remove(uri);
    }
  }

  documents.onDidChangeContent(({ document }) => {
    workspace.setText(document.uri, document.getText(), document.version, false);
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
    void runSafe(connection, 'watched files', undefined, async () => {
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
      workspace.flush();
    });
  });

  connection.onHover((params: TextDocumentPositionParams) =>
    runSafe(connection, 'hover', null, (): Hover | null => {
      const document = documents.get(params.textDocument.uri);
      const file = workspace.file(params.textDocument.uri);
      if (document === undefined || file === undefined) {
        return null;
      }
      const offset = document.offsetAt(params.position);
      const flow = workspace
        .analysis()
        ?.flows.find(
          (candidate) =>
            candidate.uri === file.uri &&
            candidate.span.start <= offset &&
            offset <= candidate.span.end,
        );
      if (flow !== undefined) {
        return {
          contents: { kind: 'markdown', value: renderFlowHover(flow) },
          range: toRange(document, flow.span),
        };
      }
      const field = describeAt(file, offset);
      return field === undefined
        ? null
        : {
            contents: { kind: 'markdown', value: renderFieldHover(field) },
            range: toRange(document, field.span),
          };
    }),
  );

  connection.onRequest(logPreviewRequest, (params) =>
    runSafe(connection, 'log preview', { title: '', text: '', flowCount: 0 }, () => {
      const analysis = workspace.analysis();
      const flows = analysis?.flows.filter((flow) => flow.uri === params.uri) ?? [];
      const title = params.uri.split('/').pop() ?? params.uri;
      const text =
        analysis === undefined
          ? 'The workspace is still being analysed.\n'
          : renderLogDocument({ title, config: analysis.logging, flows });
      return { title, text, flowCount: flows.length };
    }),
  );

  connection.onRequest(simulateFlowRequest, (params) =>
    runSafe<SimulateFlowResult>(
      connection,
      'simulate flow',
      { ok: false, message: 'Internal error.' },
      () => simulate(workspace.analysis(), params),
    ),
  );

  documents.listen(connection);
  connection.listen();
}
