import type { CodeAction } from 'vscode-languageserver/node';
import { ide } from '../engine';
import type { WorkspaceAnalysis } from '../engine';
import type { Settings } from '../settings';

/** The client command that puts its first argument on the clipboard (`client/src/copy-text.ts`). */
export const COPY_TEXT_COMMAND = 'netpol.copyText';

export function loggingTarget(settings: Settings): ide.LoggingTarget {
  return settings.gcp;
}

/**
 * "Copy Cloud Logging query" and "Copy gcloud command" for the flow or the policy the range
 * touches: the flow's records, or the allow records that name the policy.
 */
export function queryActions(
  analysis: WorkspaceAnalysis,
  uri: string,
  start: number,
  end: number,
  target: ide.LoggingTarget,
): CodeAction[] {
  // GKE's policy logging knows no tiered cluster policy: such a policy has no query.
  const lens = ide
    .lensesOf(analysis, uri)
    .find(
      (candidate): candidate is Exclude<ide.Lens, { kind: 'cluster-policy' }> =>
        candidate.kind !== 'cluster-policy' &&
        candidate.span.start <= end &&
        start <= candidate.span.end,
    );
  if (lens === undefined) {
    return [];
  }
  const query =
    lens.kind === 'flow'
      ? ide.flowQuery(lens.flow.flow, target)
      : ide.policyQuery(
          { kind: 'NetworkPolicy', namespace: lens.policy.namespace, name: lens.policy.name },
          target,
        );
  const about =
    lens.kind === 'flow'
      ? 'this flow'
      : `records naming ${lens.policy.namespace}/${lens.policy.name}`;
  return [
    copyAction(`Copy Cloud Logging query for ${about}`, query.filter, 'Cloud Logging query'),
    copyAction(`Copy gcloud command for ${about}`, query.command, 'gcloud command'),
  ];
}

function copyAction(title: string, text: string, what: string): CodeAction {
  return { title, command: { title, command: COPY_TEXT_COMMAND, arguments: [text, what] } };
}
