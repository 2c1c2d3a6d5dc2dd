import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide, locateOrigin, present } from '../engine';
import type { Span, Verdict, WorkspaceAnalysis } from '../engine';
import { reachabilityCellRequest, reachabilityRequest } from '../protocol';
import type { ReachabilityCellResult, ReachabilityLink, ReachabilityResult } from '../protocol';
import { runSafe } from '../run-safe';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';
import { createTextLookup } from './definition';
import type { TextLookup } from './definition';

interface Computed {
  readonly analysis: WorkspaceAnalysis;
  readonly matrix: ide.Reachability;
  readonly version: number;
  result?: ReachabilityResult;
}

/**
 * `netpol/reachability` and `netpol/reachabilityCell`: the matrix of the workspace as it is
 * now, computed once per analysis, and the explanation of one of its cells.
 */
export function registerReachability(context: FeatureContext): void {
  const { connection, workspace } = context;
  let computed: Computed | undefined;
  let versions = 0;
  const current = (): Computed | undefined => {
    // The view follows typing: edits the debounce still holds are analysed now.
    if (context.documents.all().some((document) => !isAnalysed(context, document))) {
      workspace.flush();
    }
    const analysis = workspace.analysis();
    if (analysis === undefined) {
      return undefined;
    }
    if (computed?.analysis !== analysis) {
      const matrix = ide.computeReachability(analysis.policies, analysis.world, {
        dataplane: analysis.dataplane,
        clusterPolicies: analysis.clusterPolicies,
      });
      computed = { analysis, matrix, version: ++versions };
    }
    return computed;
  };
  connection.onRequest(reachabilityRequest, (params) =>
    runSafe(connection, 'reachability', null, () => {
      const found = current();
      if (found === undefined) {
        return null;
      }
      if (params.known === found.version) {
        return { version: found.version, unchanged: true as const };
      }
      found.result ??= toResult(found);
      return found.result;
    }),
  );
  connection.onRequest(reachabilityCellRequest, (params) =>
    runSafe(connection, 'reachability cell', null, async () => {
      const found = current();
      if (found === undefined || found.version !== params.version) {
        return null;
      }
      return explainCell(found, params.row, params.column, createTextLookup(context));
    }),
  );
}

export function isAnalysed(context: FeatureContext, document: TextDocument): boolean {
  const file = context.workspace.file(document.uri);
  if (file === undefined) {
    return true;
  }
  const text = document.getText();
  return file.documents.every(
    ({ offset, analysis }) =>
      text.slice(offset, offset + analysis.parsed.text.length) === analysis.parsed.text,
  );
}

function toResult({ analysis, matrix, version }: Computed): ReachabilityResult {
  return {
    version,
    dataplane: analysis.dataplane,
    classes: matrix.classes.map((podClass, index) => ({
      namespace: podClass.namespace,
      pods: podClass.pods.map((pod) => pod.name),
      ports: podClass.ports.map((port) => ({
        port: port.containerPort,
        protocol: port.protocol,
        ...(port.name === undefined ? {} : { name: port.name }),
      })),
      ingressIsolated: matrix.isolated(index, 'ingress'),
      egressIsolated: matrix.isolated(index, 'egress'),
    })),
    columns: matrix.columns.length,
    cells: Buffer.from(ide.toReachabilityGrid(matrix)).toString('base64'),
    allowedPodPairs: matrix.allowedPodPairs,
    deniedPodPairs: matrix.deniedPodPairs,
  };
}

async function explainCell(
  { analysis, matrix }: Computed,
  row: number,
  column: number,
  lookup: TextLookup,
): Promise<ReachabilityCellResult | null> {
  const source = matrix.classes[row]?.pods[0];
  const target = matrix.columns[column];
  const destinationClass = target && matrix.classes[target.destination];
  const destination = destinationClass?.pods[0];
  const port = destinationClass?.ports[target!.portIndex];
  if (source === undefined || destination === undefined || port === undefined) {
    return null;
  }
  const verdict = matrix.verdict(source, destination, port);
  const flow = {
    source: { kind: 'pod' as const, pod: source },
    destination: { kind: 'pod' as const, pod: destination },
    port: port.containerPort,
    protocol: port.protocol,
    ...(port.name === undefined ? {} : { portName: port.name }),
  };
  return {
    from: `${source.namespace}/${source.name}`,
    to: `${destination.namespace}/${destination.name}`,
    port: port.containerPort,
    protocol: port.protocol,
    allowed: verdict.allowed,
    summary: present.summarizeVerdict(verdict),
    explanation: present.explainVerdict(verdict, flow),
    links: await linksOf(analysis, verdict, lookup),
  };
}

// The rules that admitted the connection; where a side denied it, the policies that isolate it.
async function linksOf(
  analysis: WorkspaceAnalysis,
  verdict: Verdict,
  lookup: TextLookup,
): Promise<ReachabilityLink[]> {
  const links: ReachabilityLink[] = [];
  const add = async (label: string, uri: string, span: Span | undefined): Promise<void> => {
    const document = span && (await lookup(uri));
    if (document !== undefined && span !== undefined) {
      links.push({ label, uri, range: toRange(document, span) });
    }
  };
  for (const side of [verdict.egress, verdict.ingress]) {
    // The cluster rules met on the way: each Pass, then the rule that decided.
    const tiers = side.tiers;
    const clusterRules = [
      ...(tiers?.passes ?? []),
      ...(tiers?.decision === undefined ? [] : [tiers.decision]),
    ];
    for (const match of clusterRules) {
      const origin = match.policy.origin;
      const span = locateOrigin(
        analysis.file,
        origin,
        ['spec', match.direction, match.ruleIndex],
        'key',
      );
      await add(present.describeClusterRule(match), origin.uri, span);
    }
    for (const match of side.allowedBy) {
      const origin = match.policy.origin;
      const span = locateOrigin(
        analysis.file,
        origin,
        ['spec', match.direction, match.ruleIndex],
        'key',
      );
      await add(present.describeRule(match), origin.uri, span);
    }
    if (!side.allowed) {
      for (const policy of side.isolatedBy) {
        const span = locateOrigin(analysis.file, policy.origin, ['metadata', 'name']);
        await add(present.describePolicy(policy), policy.origin.uri, span);
      }
    }
  }
  return links;
}
