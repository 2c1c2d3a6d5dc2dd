import type {
  ContentTypeEncoder,
  ContentTypeEncoderOptions,
  Diagnostic,
  Message,
  PublishDiagnosticsParams,
} from 'vscode-languageserver/node';

/**
 * JSON for outgoing messages, as vscode-jsonrpc writes it, except that each diagnostic is
 * written once and its text kept while the diagnostic object lives. The workspace keeps a
 * file's diagnostic objects across publishes while their problems last, so a publish after an
 * edit re-encodes only what changed: for a file of 10,000 flow verdicts that is most of the work
 * of sending them.
 */
export function createMessageEncoder(): ContentTypeEncoder {
  const texts = new WeakMap<Diagnostic, string>();
  const textOf = (diagnostic: Diagnostic): string => {
    let text = texts.get(diagnostic);
    if (text === undefined) {
      text = JSON.stringify(diagnostic);
      texts.set(diagnostic, text);
    }
    return text;
  };
  return {
    name: 'application/json',
    encode: (message: Message, options: ContentTypeEncoderOptions) => {
      const charset = options.charset;
      if (!isPublishDiagnostics(message)) {
        return Promise.resolve(Buffer.from(JSON.stringify(message), charset));
      }
      // The diagnostics go last, so the message up to them is the JSON of the rest.
      const { params, ...envelope } = message;
      const { diagnostics, ...rest } = params;
      const head = JSON.stringify({ ...envelope, params: { ...rest, diagnostics: [] } });
      const body = diagnostics.map(textOf).join(',');
      return Promise.resolve(Buffer.from(`${head.slice(0, -3)}${body}]}}`, charset));
    },
  };
}

function isPublishDiagnostics(
  message: Message,
): message is Message & { params: PublishDiagnosticsParams } {
  return (
    'method' in message &&
    message.method === 'textDocument/publishDiagnostics' &&
    'params' in message &&
    typeof message.params === 'object' &&
    message.params !== null &&
    Array.isArray((message.params as Partial<PublishDiagnosticsParams>).diagnostics)
  );
}
