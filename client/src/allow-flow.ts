import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { allowFlowRequest } from '../../server/src/protocol';
import type { AllowFlowParams } from '../../server/src/protocol';
import { confirmChange } from './confirm-change';
import { registerCommand } from './run-command';

export const ALLOW_THIS_FLOW = 'Allow this flow';
/** Not in the palette: code actions and buttons pass it the flow. */
export const allowFlowCommand = 'netpol.allowFlow';
const APPLY = 'Apply';

export function registerAllowFlow(client: LanguageClient): vscode.Disposable {
  return registerCommand(allowFlowCommand, (flow) => allowFlow(client, flow as AllowFlowParams));
}

/**
 * "Allow this flow" for a flow that is not a sample flow (a record's, a simulated one): the
 * server's change, applied as a workspace edit so that undo takes it back. A change that opens
 * other connections too is applied only once the user has read which (see confirmChange).
 */
export async function allowFlow(client: LanguageClient, flow: AllowFlowParams): Promise<void> {
  const params: AllowFlowParams = {
    from: flow.from,
    to: flow.to,
    port: flow.port,
    ...(flow.protocol === undefined ? {} : { protocol: flow.protocol }),
  };
  const result = await confirmChange(
    () => client.sendRequest(allowFlowRequest, params),
    async (title) => (await vscode.window.showWarningMessage(`${title}.`, APPLY)) === APPLY,
  );
  if (result === undefined) {
    return;
  }
  if (!result.ok) {
    void vscode.window.showInformationMessage(`netpol-lens: ${result.message}`);
    return;
  }
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result.edit);
  if (!(await vscode.workspace.applyEdit(edit))) {
    throw new Error('the new policies could not be added.');
  }
  await revealFirst(edit);
  if (result.alsoOpens === 0) {
    void vscode.window.showInformationMessage(`${result.title}.`);
  }
}

/** Shows the first policy added, where undo takes the change back. */
async function revealFirst(edit: vscode.WorkspaceEdit): Promise<void> {
  const [first] = edit.entries();
  const inserted = first?.[1][0];
  if (first === undefined || inserted === undefined) {
    return;
  }
  // The policy follows the `---` that separates it from the file's last document.
  const separator = /^\n?---\n/.exec(inserted.newText)?.[0] ?? '';
  const lines = separator.split('\n').length - 1;
  const start =
    lines === 0 ? inserted.range.start : new vscode.Position(inserted.range.start.line + lines, 0);
  const editor = await vscode.window.showTextDocument(first[0], { preview: false });
  editor.selection = new vscode.Selection(start, start);
  editor.revealRange(new vscode.Range(start, start), vscode.TextEditorRevealType.InCenter);
}
