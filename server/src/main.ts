import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);

// A crash in one handler must not take the server down with it; log it and keep serving.
process.on('uncaughtException', (error) => {
  connection.console.error(`netpol-lens: uncaught ${error.stack ?? String(error)}`);
});
process.on('unhandledRejection', (reason) => {
  connection.console.error(`netpol-lens: unhandled rejection ${String(reason)}`);
});

startServer(connection);
