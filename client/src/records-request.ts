import type { ExplainRecordsParams, ExplainRecordsResult } from '../../server/src/protocol';

/** What of a records file the request needs: the editor's document has all of it. */
export interface RecordsDocument {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

/**
 * Asks `netpol/explainRecords` about records files. The server keeps the records it read from the
 * text it was last sent for a file, so a file whose version is the one last sent is asked about
 * by version alone, and sent again only if the server answers that it no longer has it.
 */
export function createRecordsAsker(
  send: (params: ExplainRecordsParams) => Promise<ExplainRecordsResult>,
) {
  const sent = new Map<string, number>();
  return {
    async ask(document: RecordsDocument): Promise<ExplainRecordsResult> {
      const { uri, version } = document;
      if (sent.get(uri) === version) {
        const result = await send({ uri, version });
        if (result.ok || result.code !== 'text-needed') {
          return result;
        }
      }
      sent.set(uri, version);
      return send({ uri, version, text: document.getText() });
    },
    /** The file was closed: its next version numbers start again. */
    forget(uri: string): void {
      sent.delete(uri);
    },
  };
}
