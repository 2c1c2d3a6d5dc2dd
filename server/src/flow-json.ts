import type {
  ClusterRuleMatch,
  DirectionVerdict,
  Duplicates,
  Flow,
  FlowAnalysis,
  LogPreview,
  TierTrace,
  Verdict,
} from './engine';
import { ide, present } from './engine';

/** The flow object of the CLI's JSON (docs/design.md §9), shared by `check`, `simulate` and the editor. */
export interface FlowJson {
  readonly file: string | null;
  readonly line: number | null;
  readonly name: string | null;
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: string;
  readonly verdict: 'allow' | 'deny';
  readonly expect: 'allow' | 'deny' | null;
  readonly ok: boolean;
  readonly expectLogged: boolean | null;
  readonly logged: boolean;
  readonly summary: string;
  readonly explanation: ExplanationJson;
  readonly logs: LogPreview;
}

export interface ExplanationJson {
  readonly dataplane: string;
  readonly egress: DirectionJson;
  readonly ingress: DirectionJson;
  /** In `check`: the objects the verdict relied on that the workspace defines more than once. */
  readonly duplicates?: readonly string[];
  /** In `check`: the ends of the flow that the workspace lacks and netpol-lens assumes (the cluster DNS). */
  readonly assumed?: readonly string[];
}

interface DirectionJson {
  readonly allowed: boolean;
  readonly reason: DirectionVerdict['reason'];
  readonly decidedBy: DirectionVerdict['decidedBy'];
  readonly isolatedBy: readonly PolicyJson[];
  readonly allowedBy: readonly {
    policy: PolicyJson;
    ruleIndex: number;
    peerIndex: number | null;
    portIndex: number | null;
  }[];
  readonly notes: readonly { code: string; dataplane: string }[];
  /** Present when the workspace holds tiered cluster policies (docs/design.md §6). */
  readonly tiers?: TiersJson;
}

interface TiersJson {
  readonly decision: ClusterRuleJson | null;
  readonly passes: readonly ClusterRuleJson[];
  readonly ambiguous: readonly ClusterRuleJson[];
  readonly ownAddress: boolean;
}

interface ClusterRuleJson {
  readonly policy: {
    readonly kind: string;
    readonly name: string;
    readonly tier: string;
    readonly priority: number | null;
  };
  readonly ruleIndex: number;
  readonly ruleName: string | null;
  readonly action: string;
  readonly peerIndex: number | null;
  readonly portIndex: number | null;
  readonly failedClosed: boolean;
}

interface PolicyJson {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

export function fromFlowAnalysis(
  flow: FlowAnalysis,
  file: string,
  line: number,
  duplicates: Duplicates = new Map(),
): FlowJson {
  const used = ide.duplicatesUsedBy(
    flow.verdict,
    [flow.flow.source, flow.flow.destination],
    duplicates,
  );
  return {
    file,
    line,
    name: flow.name,
    from: flow.from,
    to: flow.to,
    port: flow.port,
    protocol: flow.protocol,
    verdict: flow.verdict.allowed ? 'allow' : 'deny',
    expect: flow.expect,
    ok: flow.ok && flow.loggedOk,
    expectLogged: flow.expectLogged,
    logged: flow.logs.some((entry) => entry.logged),
    summary: present.summarizeVerdict(flow.verdict),
    explanation: {
      ...toExplanation(flow.verdict, flow.dataplane),
      duplicates: used,
      assumed: assumedEnds(flow.flow),
    },
    logs: flow.logs,
  };
}

export function fromSimulation(simulation: ide.Simulation, dataplane: string): FlowJson {
  return {
    file: null,
    line: null,
    name: null,
    from: simulation.request.from,
    to: simulation.request.to,
    port: simulation.request.port,
    protocol: simulation.request.protocol ?? 'TCP',
    verdict: simulation.verdict.allowed ? 'allow' : 'deny',
    expect: null,
    ok: true,
    expectLogged: null,
    logged: simulation.logs.some((entry) => entry.logged),
    summary: present.summarizeVerdict(simulation.verdict),
    explanation: toExplanation(simulation.verdict, dataplane),
    logs: simulation.logs,
  };
}

export function toExplanation(verdict: Verdict, dataplane: string): ExplanationJson {
  return { dataplane, egress: toDirection(verdict.egress), ingress: toDirection(verdict.ingress) };
}

function toDirection(side: DirectionVerdict): DirectionJson {
  return {
    allowed: side.allowed,
    reason: side.reason,
    decidedBy: side.decidedBy,
    isolatedBy: side.isolatedBy.map(toPolicy),
    allowedBy: side.allowedBy.map((match) => ({
      policy: toPolicy(match.policy),
      ruleIndex: match.ruleIndex,
      peerIndex: match.peerIndex ?? null,
      portIndex: match.portIndex ?? null,
    })),
    notes: side.notes.map((note) => ({ code: note.code, dataplane: note.dataplane })),
    ...(side.tiers === undefined ? {} : { tiers: toTiers(side.tiers) }),
  };
}

function toTiers(trace: TierTrace): TiersJson {
  return {
    decision: trace.decision === undefined ? null : toClusterRule(trace.decision),
    passes: trace.passes.map(toClusterRule),
    ambiguous: trace.ambiguous.map(toClusterRule),
    ownAddress: trace.ownAddress === true,
  };
}

// A BaselineAdminNetworkPolicy has no priority of its own.
function toClusterRule(match: ClusterRuleMatch): ClusterRuleJson {
  const { kind, name, tier, priority } = match.policy;
  return {
    policy: {
      kind,
      name,
      tier,
      priority: kind === 'BaselineAdminNetworkPolicy' ? null : priority,
    },
    ruleIndex: match.ruleIndex,
    ruleName: match.ruleName,
    action: match.action,
    peerIndex: match.peerIndex ?? null,
    portIndex: match.portIndex ?? null,
    failedClosed: match.failedClosed === true,
  };
}

function toPolicy(policy: { kind: string; namespace: string; name: string }): PolicyJson {
  return { kind: policy.kind, namespace: policy.namespace, name: policy.name };
}

function assumedEnds(flow: Flow): string[] {
  return [flow.source, flow.destination].flatMap((end) =>
    end.kind === 'pod' && end.pod.assumed === true ? [`${end.pod.namespace}/${end.pod.name}`] : [],
  );
}
