import { checkObjects, mattersToLogging } from '../check';
import type { FileAnalysis, FileLookup } from '../check/document-analysis';
import { fileProblems } from '../check/under-dataplane';
import type { Problem } from '../core/problem';
import type { PlacedProblem } from '../core/source';
import type { Dataplane } from '../core/vocabulary';
import { readLoggingConfig } from '../logs';
import type { LoggingConfig } from '../logs';
import { analyzeFlow } from '../logs/flow-analysis';
import type { FlowAnalysis } from '../logs/flow-analysis';
import type { NetworkPolicy } from '../model/types';
import type { World } from '../world/types';
import { checkClusterPolicySupport } from '../workspace-checks/cluster-policy-support';
import { checkDnsEgress } from '../workspace-checks/dns-egress';
import { checkDuplicates, findDuplicates, identitiesOf } from '../workspace-checks/duplicates';
import type { Duplicates } from '../workspace-checks/duplicates';
import { checkFlow } from '../workspace-checks/flow-problems';
import { checkHostNetworkPolicy } from '../workspace-checks/host-network';
import { createNamedPortCheck } from '../workspace-checks/named-ports';
import { checkPolicySelectors } from '../workspace-checks/selects-nothing';
import { evaluateWorkspace } from './evaluate-workspace';
import type { ClusterPolicy, WorkspaceEvaluation, WorkspaceOptions } from './evaluate-workspace';

export type { FlowAnalysis } from '../logs/flow-analysis';
export type { WorkspaceOptions } from './evaluate-workspace';

/** Everything the engine concludes about a workspace; the adapters only present it. */
export interface WorkspaceAnalysis {
  /** The files analysed, in the order they were given; `file` gives each one's analysis. */
  readonly uris: readonly string[];
  readonly policies: readonly NetworkPolicy[];
  /** The tiered cluster policies (ClusterNetworkPolicy, AdminNetworkPolicy...), as written. */
  readonly clusterPolicies: readonly ClusterPolicy[];
  readonly world: World;
  readonly logging: LoggingConfig;
  readonly flows: readonly FlowAnalysis[];
  readonly dataplane: Dataplane;
  /** Every problem, by file URI, with absolute spans. */
  readonly problems: ReadonlyMap<string, readonly Problem[]>;
  readonly file: FileLookup;
  /** Identities (`NetworkPolicy shop/web`) that more than one object has, with where each is. */
  readonly duplicates: Duplicates;
}

/**
 * Analyses the workspace as a whole, from its files' own analyses: the verdict of every sample
 * flow with its log preview, and the checks that need more than one document. This is what the
 * analysis means; `incremental/` computes the same after an edit without starting over.
 */
export function analyzeWorkspace(
  files: Iterable<FileAnalysis>,
  options: WorkspaceOptions,
): WorkspaceAnalysis {
  const list = [...files];
  const byUri = new Map(list.map((file) => [file.uri, file]));
  const file: FileLookup = (uri) => byUri.get(uri);
  const objects = list.flatMap((each) => each.objects);
  const evaluation = evaluateWorkspace(objects, options);
  const { policies, world } = evaluation;
  const loggingRelevant = objects.filter(mattersToLogging);
  const logging = readLoggingConfig(
    loggingRelevant.filter((object) => object.kind === 'NetworkLogging'),
  );
  const flows = evaluation.flows.map((result) => analyzeFlow(result, logging, world.namespaces));
  const problems = new Map(list.map((each) => [each.uri, fileProblems(each, options.dataplane)]));
  const add = ({ uri, problem }: PlacedProblem) => problems.get(uri)?.push(problem);
  for (const flow of flows) {
    checkFlow(flow, file).forEach((problem) => add({ uri: flow.uri, problem }));
  }
  policyProblems(evaluation, options.dataplane, file).forEach(add);
  [...checkObjects(loggingRelevant), ...evaluation.problems].forEach(add);
  const duplicates = findDuplicates(list.flatMap((each) => identitiesOf(each.objects)));
  checkDuplicates(duplicates, file).forEach(add);
  checkClusterPolicySupport(evaluation.clusterPolicies, options.dataplane, file).forEach(add);
  return {
    uris: list.map((each) => each.uri),
    policies,
    clusterPolicies: evaluation.clusterPolicies,
    world,
    logging,
    flows,
    dataplane: options.dataplane,
    problems,
    file,
    duplicates,
  };
}

/**
 * Each policy's selectors that select nothing, its egress that cuts pods off from DNS, then what
 * its selected pods and named ports say: host-network pods only, a name no destination has.
 */
function policyProblems(
  evaluation: WorkspaceEvaluation,
  dataplane: Dataplane,
  file: FileLookup,
): PlacedProblem[] {
  const { policies, world } = evaluation;
  const dns = checkDnsEgress(policies, world, dataplane, file, policies, evaluation.evaluate);
  const namedPorts = createNamedPortCheck(world, dataplane, file);
  return policies.flatMap((policy) => [
    ...[...checkPolicySelectors(policy, world, dataplane, file).values()].flat(),
    ...dns.filter((found) => found.policy === policy),
    ...checkHostNetworkPolicy(policy, world, dataplane, file),
    ...namedPorts(policy),
  ]);
}
