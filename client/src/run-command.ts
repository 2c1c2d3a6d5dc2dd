import * as vscode from 'vscode';

/** Registers a command whose failures become an error message, never an unhandled rejection. */
export function registerCommand(
  id: string,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      await handler(...args);
    } catch (error) {
      showError(error);
    }
  });
}

export function showError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  void vscode.window.showErrorMessage(`netpol-lens: ${message}`);
}
