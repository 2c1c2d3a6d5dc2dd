import { CodeLensRefreshRequest } from 'vscode-languageserver/node';
import { ide } from '../engine';
import type { FeatureContext } from './context';

/**
 * Asks the editor to request code lenses again whenever an analysis changes what they show
 * (the policies, the world, the flows' verdicts): in particular when the folder's load completes,
 * since lenses asked for meanwhile were computed from part of the workspace.
 */
export function registerLensRefresh(context: FeatureContext, supported: () => boolean): void {
  const { connection, workspace } = context;
  workspace.onAnalysis((analysis, previous) => {
    if (supported() && ide.lensesMayDiffer(analysis, previous)) {
      // The editor may close the connection before it answers: an unanswered refresh leaves
      // the lenses as they were, so there is nothing to report.
      connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
  });
}
