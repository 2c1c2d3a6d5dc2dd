import type { CodeLens, Location } from 'vscode-languageserver/node';
import { ide, present } from '../engine';
import type { ClusterPolicy, NetworkPolicy, Pod, WorkspaceAnalysis } from '../engine';
import type { SimulateFlowParams } from '../protocol';
import { runSafe } from '../run-safe';
import type { FeatureContext } from './context';
import { createTextLookup, nameLocation } from './definition';
import type { TextLookup } from './definition';

/**
 * Arguments of the `netpol.showSelectedPods` command (the client shows them in a quick pick):
 * `[{ uri, policy: 'namespace/name', pods: SelectedPod[] }]`.
 */
export interface ShowSelectedPodsArguments {
  readonly uri: string;
  readonly policy: string;
  readonly pods: readonly SelectedPod[];
}

/** One selected pod; `location` is its `metadata.name`, when its file can be read. */
export interface SelectedPod {
  /** `namespace/name`, as SampleFlows references it. */
  readonly ref: string;
  readonly namespace: string;
  readonly name: string;
  /** `Pod`, or the workload's kind for a workload's representative pod. */
  readonly kind: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly location?: Location;
}

/** Arguments of the `netpol.showLogPreview` command: `[{ uri }]`, the SampleFlows file. */
export interface ShowLogPreviewArguments {
  readonly uri: string;
}

/** Which policy a lens stands on, kept in its `data` until the client resolves it. */
interface PolicyLensData {
  readonly uri: string;
  readonly namespace: string;
  readonly name: string;
}

/** Which tiered cluster policy a lens stands on: cluster-scoped, so by kind and name. */
interface ClusterLensData {
  readonly uri: string;
  readonly kind: string;
  readonly name: string;
}

/**
 * Code lenses: above each sample flow, its verdict; above each policy, the pods it selects.
 * A policy lens gets its command on resolve: locating every selected pod is work that only the
 * lenses on screen deserve.
 */
export function registerCodeLens(context: FeatureContext): void {
  const { connection, documents, workspace } = context;
  connection.onCodeLens((params) =>
    runSafe(connection, 'code lens', [], (): CodeLens[] => {
      const document = documents.get(params.textDocument.uri);
      const analysis = workspace.analysis();
      if (document === undefined || analysis === undefined) {
        return [];
      }
      return ide.lensesOf(analysis, document.uri).flatMap((lens): CodeLens[] => {
        const start = document.positionAt(lens.span.start);
        const range = { start, end: start };
        if (lens.kind === 'flow') {
          return [
            { range, command: flowCommand(document.uri, lens) },
            { range, command: simulateCommand(lens) },
          ];
        }
        if (lens.kind === 'cluster-policy') {
          const { kind, name } = lens.policy;
          const data: ClusterLensData = { uri: document.uri, kind, name };
          return [{ range, data }];
        }
        const { namespace, name } = lens.policy;
        const data: PolicyLensData = { uri: document.uri, namespace, name };
        return [{ range, data }];
      });
    }),
  );
  connection.onCodeLensResolve((codeLens) =>
    runSafe(connection, 'code lens resolve', codeLens, async (): Promise<CodeLens> => {
      const data = codeLens.data as Partial<PolicyLensData & ClusterLensData> | undefined;
      const analysis = workspace.analysis();
      if (analysis === undefined || typeof data?.uri !== 'string') {
        return codeLens;
      }
      if (typeof data.kind === 'string') {
        const clusterPolicy = analysis.clusterPolicies.find(
          (candidate) =>
            candidate.origin.uri === data.uri &&
            candidate.kind === data.kind &&
            candidate.name === data.name,
        );
        if (clusterPolicy === undefined) {
          return codeLens;
        }
        const lookup = createTextLookup(context);
        const command = await clusterPolicyCommand(data.uri, clusterPolicy, analysis, lookup);
        return { ...codeLens, command };
      }
      const policy = analysis.policies.find(
        (candidate) =>
          candidate.origin.uri === data.uri &&
          candidate.namespace === data.namespace &&
          candidate.name === data.name,
      );
      if (policy === undefined) {
        return codeLens;
      }
      const lookup = createTextLookup(context);
      return { ...codeLens, command: await policyCommand(data.uri, policy, analysis, lookup) };
    }),
  );
}

function flowCommand(uri: string, lens: Extract<ide.Lens, { kind: 'flow' }>): CodeLens['command'] {
  const argument: ShowLogPreviewArguments = { uri };
  return {
    title: present.flowLensTitle(lens.flow),
    command: 'netpol.showLogPreview',
    arguments: [argument],
  };
}

/** Opens the flow in the Simulate Flow view, with every pick already made. */
function simulateCommand(lens: Extract<ide.Lens, { kind: 'flow' }>): CodeLens['command'] {
  const { from, to, port, protocol } = lens.flow;
  const argument: SimulateFlowParams = { from, to, port: String(port), protocol };
  return { title: 'Simulate', command: 'netpol.simulateFlow', arguments: [argument] };
}

async function policyCommand(
  uri: string,
  policy: NetworkPolicy,
  analysis: WorkspaceAnalysis,
  lookup: TextLookup,
): Promise<CodeLens['command']> {
  const pods = ide.podsSelectedBy(analysis.world, policy);
  const argument: ShowSelectedPodsArguments = {
    uri,
    policy: `${policy.namespace}/${policy.name}`,
    pods: await Promise.all(pods.map((pod) => toSelectedPod(pod, analysis, lookup))),
  };
  return {
    title: present.policyLensTitle(policy, pods),
    command: 'netpol.showSelectedPods',
    arguments: [argument],
  };
}

/** The pods a cluster policy's subject selects, listed by the lens's command. */
async function clusterPolicyCommand(
  uri: string,
  policy: ClusterPolicy,
  analysis: WorkspaceAnalysis,
  lookup: TextLookup,
): Promise<CodeLens['command']> {
  const pods = ide.subjectPods(analysis.world, policy);
  const argument: ShowSelectedPodsArguments = {
    uri,
    policy: `${policy.kind} ${policy.name}`,
    pods: await Promise.all(pods.map((pod) => toSelectedPod(pod, analysis, lookup))),
  };
  return {
    title: present.clusterPolicyLensTitle(policy, pods),
    command: 'netpol.showSelectedPods',
    arguments: [argument],
  };
}

async function toSelectedPod(
  pod: Pod,
  analysis: WorkspaceAnalysis,
  lookup: TextLookup,
): Promise<SelectedPod> {
  const location = await nameLocation(lookup, analysis, pod.origin);
  const selected: SelectedPod = {
    ref: ide.shortReference(pod),
    namespace: pod.namespace,
    name: pod.name,
    kind: pod.workload?.kind ?? 'Pod',
    labels: pod.labels,
  };
  return location === undefined ? selected : { ...selected, location };
}
