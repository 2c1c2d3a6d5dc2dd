import { CodeLensRefreshRequest } from 'vscode-languageserver/node';
import type { WorkspaceAnalysis } from '../engine';
import type { FeatureContext } from './context';
import { sameItems } from '../engine/core/same-items';

/**
 * Asks the editor to request code lenses again whenever an analysis changes what they show
 * (the policies, the world, the flows' verdicts): in particular when the folder's load completes,
 * since lenses asked for meanwhile were computed from part of the workspace.
 */
export function registerLensRefresh(context: FeatureContext, supported: () => boolean): void {
  const { connection, workspace } = context;
  workspace.onAnalysis((analysis, previous) => {
    if (supported() && lensesMayDiffer(analysis, previous)) {
      // The editor may close the connection before it answers: an unanswered refresh leaves
      // the lenses as they were, so there is nothing to report.
      connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    }
  });
}

/**
 * Compared item by item: an analysis that changed nothing of these may still hand out new lists,
 * and a refresh for nothing re-renders every lens (a click on the old one then finds no command).
 */
function lensesMayDiffer(analysis: WorkspaceAnalysis, previous?: WorkspaceAnalysis): boolean {
  return (
    previous === undefined ||
    analysis.world !== previous.world ||
    !sameItems(analysis.policies, previous.policies) ||
    !sameItems(analysis.clusterPolicies, previous.clusterPolicies) ||
    !sameItems(analysis.flows, previous.flows)
  );
}
