import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { reachabilityCellRequest, reachabilityRequest } from '../../server/src/protocol';
import type { ReachabilityLink, SampleFlow } from '../../server/src/protocol';
import { addToSampleFlows } from './add-to-sample-flows';
import { registerCommand, showError } from './run-command';

export const showReachabilityCommand = 'netpol.showReachability';
const VIEW_TYPE = 'netpol.reachability';
// Typing in a policy should show in the matrix without a matrix per keystroke.
const REFRESH_MS = 300;

type FromView =
  | { type: 'ready' }
  | { type: 'cell'; requestId: number; version: number; row: number; column: number }
  | { type: 'open'; uri: string; range: ReachabilityLink['range'] }
  | { type: 'add'; flow: SampleFlow };

/** "NetworkPolicy: Show Reachability": the workspace's matrix in a webview that follows edits. */
export function registerReachabilityView(
  context: vscode.ExtensionContext,
  client: LanguageClient,
): vscode.Disposable {
  let panel: ReachabilityPanel | undefined;
  return vscode.Disposable.from(
    registerCommand(showReachabilityCommand, () => {
      if (panel === undefined) {
        panel = new ReachabilityPanel(context, client, () => {
          panel = undefined;
        });
      } else {
        panel.reveal();
      }
    }),
    { dispose: () => panel?.dispose() },
  );
}

class ReachabilityPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private version: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    onDispose: () => void,
  ) {
    const media = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Reachability',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
    );
    this.panel.webview.html = pageOf(this.panel.webview, media);
    const schedule = (): void => this.schedule();
    this.subscriptions.push(
      this.panel.webview.onDidReceiveMessage((message: FromView) => {
        this.receive(message).then(undefined, showError);
      }),
      this.panel.onDidChangeViewState(({ webviewPanel }) => {
        if (webviewPanel.visible) {
          // A hidden webview loses its page: the next one needs the whole matrix.
          this.version = undefined;
          schedule();
        }
      }),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (document.languageId === 'yaml') {
          schedule();
        }
      }),
      vscode.workspace.onDidSaveTextDocument(schedule),
      vscode.workspace.onDidCreateFiles(schedule),
      vscode.workspace.onDidDeleteFiles(schedule),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('netpol')) {
          schedule();
        }
      }),
    );
    this.panel.onDidDispose(() => {
      this.dispose();
      onDispose();
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    for (const subscription of this.subscriptions) {
      subscription.dispose();
    }
    this.subscriptions.length = 0;
    this.panel.dispose();
  }

  private schedule(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh().then(undefined, showError);
    }, REFRESH_MS);
  }

  private async refresh(): Promise<void> {
    if (!this.panel.visible) {
      return;
    }
    const result = await this.client.sendRequest(reachabilityRequest, {
      ...(this.version === undefined ? {} : { known: this.version }),
    });
    if (result === null) {
      await this.panel.webview.postMessage({
        type: 'message',
        text: 'The workspace is still being analysed.',
      });
      this.schedule();
      return;
    }
    if (result.unchanged === true) {
      return;
    }
    this.version = result.version;
    await this.panel.webview.postMessage({ type: 'data', version: result.version, data: result });
  }

  private async receive(message: FromView): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.version = undefined;
        return this.refresh();
      case 'cell': {
        const answer = await this.client.sendRequest(reachabilityCellRequest, {
          version: message.version,
          row: message.row,
          column: message.column,
        });
        if (answer === null) {
          this.schedule();
        }
        await this.panel.webview.postMessage({
          type: 'cell',
          requestId: message.requestId,
          answer,
        });
        return;
      }
      case 'open': {
        const { start, end } = message.range;
        const range = new vscode.Range(start.line, start.character, end.line, end.character);
        await vscode.window.showTextDocument(vscode.Uri.parse(message.uri), {
          selection: range,
          viewColumn: vscode.ViewColumn.One,
        });
        return;
      }
      case 'add':
        return addToSampleFlows(this.client, {
          name: `${message.flow.from} to ${message.flow.to} on ${message.flow.port}/${message.flow.protocol ?? 'TCP'}`,
          ...message.flow,
        });
    }
  }
}

function pageOf(webview: vscode.Webview, media: vscode.Uri): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(media, 'reachability-view.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'reachability-view.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Reachability</title>
</head>
<body>
<div class="toolbar" role="toolbar" aria-label="Filters">
  <input id="search" type="search" placeholder="Search workloads" aria-label="Search workloads">
  <select id="namespace" aria-label="Destination namespace"><option value="">all namespaces</option></select>
  <input id="port" type="text" placeholder="Port" aria-label="Port number or name" size="8">
  <select id="verdict" aria-label="Verdict">
    <option value="all">allowed and denied</option>
    <option value="allow">allowed only</option>
    <option value="deny">denied only</option>
  </select>
  <label><input id="decided" type="checkbox"> only what a policy decides</label>
  <span id="status" role="status">Loading…</span>
</div>
<div id="viewport" tabindex="0" role="grid" aria-label="Reachability: sources as rows, destinations and ports as columns">
  <div id="spacer"></div>
  <div id="layer"></div>
</div>
<div id="tooltip" role="tooltip" hidden></div>
<div id="details" hidden></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
