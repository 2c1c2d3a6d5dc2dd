import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { appendSampleFlowRequest, sampleFlowsFilesRequest } from '../../server/src/protocol';
import type { SampleFlow } from '../../server/src/protocol';

export const NEW_FILE_LABEL = '$(new-file) New file…';
const DEFAULT_NEW_FILE = 'sample-flows.yaml';

interface TargetItem extends vscode.QuickPickItem {
  readonly uri?: vscode.Uri;
}

/**
 * Appends `flow` to a SampleFlows file the user picks (or names), through a workspace edit so
 * that it can be undone and nothing is written behind the editor's back; then shows the file.
 */
export async function addToSampleFlows(client: LanguageClient, flow: SampleFlow): Promise<void> {
  await addFlowsToSampleFlows(client, [flow]);
}

/** Appends each of `flows` in turn to one SampleFlows file, picked once. */
export async function addFlowsToSampleFlows(
  client: LanguageClient,
  flows: readonly SampleFlow[],
): Promise<void> {
  const target = await pickTarget(client);
  if (target === undefined) {
    return;
  }
  let shown: { start: vscode.Position; text: string } | undefined;
  for (const flow of flows) {
    const added = await appendOne(client, target, flow);
    shown ??= added;
  }
  if (shown !== undefined) {
    await reveal(target, shown.start, shown.text);
  }
}

async function appendOne(
  client: LanguageClient,
  target: vscode.Uri,
  flow: SampleFlow,
): Promise<{ start: vscode.Position; text: string }> {
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  const open = vscode.workspace.textDocuments.some(
    (document) => document.uri.toString() === target.toString(),
  );
  const text = exists || open ? (await vscode.workspace.openTextDocument(target)).getText() : '';
  const result = await client.sendRequest(appendSampleFlowRequest, {
    uri: target.toString(),
    text,
    flow,
  });
  const [insertion] = result.edits;
  if (insertion === undefined) {
    throw new Error(
      `could not work out where to add the flow in ${vscode.workspace.asRelativePath(target)}.`,
    );
  }
  const edit = new vscode.WorkspaceEdit();
  if (!exists && !open) {
    edit.createFile(target, { ignoreIfExists: true });
  }
  const start = new vscode.Position(insertion.range.start.line, insertion.range.start.character);
  const end = new vscode.Position(insertion.range.end.line, insertion.range.end.character);
  edit.replace(target, new vscode.Range(start, end), insertion.newText);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error(`the flow could not be added to ${vscode.workspace.asRelativePath(target)}.`);
  }
  return { start, text: insertion.newText };
}

async function pickTarget(client: LanguageClient): Promise<vscode.Uri | undefined> {
  const { uris } = await client.sendRequest(sampleFlowsFilesRequest, {});
  const items: TargetItem[] = [
    ...uris.map((uri) => {
      const parsed = vscode.Uri.parse(uri);
      return { label: vscode.workspace.asRelativePath(parsed), uri: parsed };
    }),
    {
      label: NEW_FILE_LABEL,
      description: 'a new SampleFlows file in the workspace',
      alwaysShow: true,
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Add to SampleFlows',
    placeHolder: 'Add the flow to which SampleFlows file?',
  });
  if (picked === undefined) {
    return undefined;
  }
  return picked.uri ?? askNewFile();
}

async function askNewFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder =
    (active === undefined ? undefined : vscode.workspace.getWorkspaceFolder(active)) ??
    vscode.workspace.workspaceFolders?.[0];
  if (folder === undefined) {
    throw new Error('open a folder first: the new SampleFlows file goes into the workspace.');
  }
  const name = await vscode.window.showInputBox({
    title: 'Add to SampleFlows: new file',
    prompt: `Path of the new SampleFlows file, relative to ${folder.name}`,
    value: DEFAULT_NEW_FILE,
    valueSelection: [0, DEFAULT_NEW_FILE.length - '.yaml'.length],
    validateInput: validateNewFile,
  });
  return name === undefined ? undefined : vscode.Uri.joinPath(folder.uri, name.trim());
}

function validateNewFile(value: string): string | null {
  const name = value.trim();
  if (!/\.ya?ml$/.test(name)) {
    return 'The file name must end in .yaml or .yml.';
  }
  if (path.isAbsolute(name) || name.split(/[\\/]/).includes('..')) {
    return 'Give a path inside the workspace folder.';
  }
  return null;
}

async function reveal(target: vscode.Uri, start: vscode.Position, inserted: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument(target);
  // Where the file is already on screen, show it there rather than open a second editor.
  const visible = vscode.window.visibleTextEditors.find(
    (candidate) => candidate.document.uri.toString() === target.toString(),
  );
  const editor = await vscode.window.showTextDocument(document, visible?.viewColumn);
  // The insertion may begin with the newline that ends the previous item.
  const lead = inserted.length - inserted.trimStart().length;
  const first = document.positionAt(document.offsetAt(start) + lead);
  const last = document.positionAt(document.offsetAt(start) + inserted.trimEnd().length);
  editor.selection = new vscode.Selection(first, first);
  editor.revealRange(
    new vscode.Range(first, last),
    vscode.TextEditorRevealType.InCenterIfOutsideViewport,
  );
}
