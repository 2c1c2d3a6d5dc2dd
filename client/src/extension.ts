import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerAllowFlow } from './allow-flow';
import { registerCopyText } from './copy-text';
import { registerImpact } from './impact';
import { registerLogPreview } from './log-preview';
import { registerReachabilityView } from './reachability-view';
import { registerRecords } from './records';
import { registerSelectedPods } from './selected-pods';
import { registerSimulateFlow } from './simulate-flow';
import { createStatusItem } from './status';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('netpol-lens');
  context.subscriptions.push(output);
  try {
    const yamlWatcher = vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}');
    const client = createClient(context, output, yamlWatcher);
    // The client is a disposable: VS Code stops it, and with it the server, on deactivation.
    context.subscriptions.push(
      yamlWatcher,
      client,
      createStatusItem(client, output),
      registerLogPreview(client),
      registerSimulateFlow(client),
      registerSelectedPods(),
      registerReachabilityView(context, client),
      registerCopyText(),
      registerRecords(client),
      registerAllowFlow(client),
      registerImpact(client),
    );
    await client.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.appendLine(`netpol-lens failed to start: ${message}`);
    void vscode.window.showErrorMessage(`netpol-lens failed to start: ${message}`);
    throw error;
  }
}

function createClient(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
  yamlWatcher: vscode.FileSystemWatcher,
): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    // Over stdio the server writes its own JSON (see server/src/message-encoder.ts).
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: {
      module: serverModule,
      transport: TransportKind.stdio,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      // The server models the whole workspace, so it must hear about YAML files changed on disk.
      fileEvents: yamlWatcher,
      configurationSection: 'netpol',
    },
    outputChannel: output,
  };
  // The id 'netpol' makes the client read its trace level from the setting `netpol.trace.server`.
  return new LanguageClient('netpol', 'netpol-lens', serverOptions, clientOptions);
}
