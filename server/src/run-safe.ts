import type { Connection } from 'vscode-languageserver/node';

/**
 * Runs a handler so that an internal error never reaches the client: it is logged, with what
 * was being done, and the request gets the empty answer.
 */
export async function runSafe<T>(
  connection: Connection,
  what: string,
  empty: T,
  handler: () => T | Promise<T>,
): Promise<T> {
  try {
    return await handler();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    connection.console.error(`netpol-lens: ${what} failed: ${detail}`);
    return empty;
  }
}
