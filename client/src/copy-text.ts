import * as vscode from 'vscode';

/**
 * `netpol.copyText`: what the server's "Copy ..." code actions run. The clipboard is the
 * client's; the server only says what to copy.
 */
export function registerCopyText(): vscode.Disposable {
  return vscode.commands.registerCommand(
    'netpol.copyText',
    async (text: unknown, what: unknown) => {
      if (typeof text !== 'string') {
        return;
      }
      await vscode.env.clipboard.writeText(text);
      const label = typeof what === 'string' ? what : 'Text';
      void vscode.window.showInformationMessage(`${label} copied to the clipboard.`);
    },
  );
}
