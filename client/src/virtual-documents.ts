import * as vscode from 'vscode';

// Diagnostics arrive in bursts while the user types; one refresh per burst is enough.
const REFRESH_DELAY_MS = 150;

/**
 * A read-only document provider for `scheme` whose open documents are rendered again whenever
 * the server publishes diagnostics: every publication follows a new analysis of the workspace.
 */
export function registerVirtualDocuments(
  scheme: string,
  render: (uri: vscode.Uri, token: vscode.CancellationToken) => Promise<string>,
): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = (): void => {
    timer = undefined;
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme === scheme && !document.isClosed) {
        changed.fire(document.uri);
      }
    }
  };
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: (uri, token) => render(uri, token),
  };
  return vscode.Disposable.from(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(scheme, provider),
    vscode.languages.onDidChangeDiagnostics(() => {
      if (timer === undefined) {
        timer = setTimeout(refresh, REFRESH_DELAY_MS);
      }
    }),
    { dispose: () => clearTimeout(timer) },
  );
}

/** Opens a virtual document in `languageId` beside the active editor. */
export async function showBeside(uri: vscode.Uri, languageId: string): Promise<void> {
  const opened = await vscode.workspace.openTextDocument(uri);
  const document =
    opened.languageId === languageId
      ? opened
      : await vscode.languages.setTextDocumentLanguage(opened, languageId);
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.Beside,
    preview: false,
  });
}

/** A message for a document that could not be rendered: providers must not reject. */
export function renderFailure(what: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `# ${what} could not be rendered: ${message}\n`;
}
