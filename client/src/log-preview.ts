import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { logPreviewRequest } from '../../server/src/protocol';
import { registerCommand } from './run-command';
import { registerVirtualDocuments, renderFailure, showBeside } from './virtual-documents';

export const showLogPreviewCommand = 'netpol.showLogPreview';
export const LOG_SCHEME = 'netpol-log';
const LOG_LANGUAGE = 'netpol-log';

/** The "Log preview" of a SampleFlows file: a read-only `netpol-log` document beside it. */
export function registerLogPreview(client: LanguageClient): vscode.Disposable {
  return vscode.Disposable.from(
    registerVirtualDocuments(LOG_SCHEME, async (uri, token) => {
      try {
        const result = await client.sendRequest(logPreviewRequest, { uri: uri.query }, token);
        return result.text;
      } catch (error) {
        return renderFailure('The log preview', error);
      }
    }),
    registerCommand(showLogPreviewCommand, (argument) => showLogPreview(client, argument)),
  );
}

async function showLogPreview(client: LanguageClient, argument: unknown): Promise<void> {
  const source = sourceOf(argument);
  if (source === undefined) {
    void vscode.window.showInformationMessage(
      'Open a SampleFlows YAML file to see the log lines its flows would produce.',
    );
    return;
  }
  // Asked once here so that a failing server becomes an error message, not an empty view.
  const result = await client.sendRequest(logPreviewRequest, { uri: source });
  const name = result.title || decodeURIComponent(source.split('/').pop() ?? source);
  const preview = vscode.Uri.from({
    scheme: LOG_SCHEME,
    path: `/${name.replace(/\//g, '∕')} (Log preview)`,
    query: source,
  });
  await showBeside(preview, LOG_LANGUAGE);
}

// The code lens passes `{ uri }`, a menu passes a Uri, the palette nothing: then the active
// editor, or the source of the log preview that is active.
function sourceOf(argument: unknown): string | undefined {
  if (argument instanceof vscode.Uri) {
    return argument.toString();
  }
  if (typeof argument === 'object' && argument !== null && 'uri' in argument) {
    const { uri } = argument;
    if (typeof uri === 'string') {
      return uri;
    }
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === LOG_SCHEME) {
    return active.query;
  }
  return active?.scheme === 'file' || active?.scheme === 'untitled' ? active.toString() : undefined;
}
