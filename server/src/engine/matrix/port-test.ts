import { matchClusterPort } from '../evaluate/match-cluster-rule';
import { matchPort } from '../evaluate/match-port';
import type { Flow } from '../evaluate/verdict';
import type { ClusterRule } from '../model/cluster-policy';
import type { Rule } from '../model/types';
import type { PodClass } from './types';

/** Whether a rule's ports admit one column's port (its class's representative), per rule once. */
export type PortTest<R> = (rule: R) => boolean;

/** The test for a NetworkPolicy rule: no `ports` admits every port. */
export function networkPolicyPortTest(destination: PodClass, portIndex: number): PortTest<Rule> {
  return createPortTest<Rule>(
    destination,
    portIndex,
    (rule) => rule.ports.length === 0,
    (rule, flow) => rule.ports.some((item) => matchPort(item, flow)),
  );
}

/** The test for a cluster policy rule: no `protocols` admits every port. */
export function clusterPortTest(destination: PodClass, portIndex: number): PortTest<ClusterRule> {
  return createPortTest<ClusterRule>(
    destination,
    portIndex,
    (rule) => rule.ports === null,
    (rule, flow) => rule.ports!.some((item) => matchClusterPort(item, flow)),
  );
}

// Named ports resolve on the destination, so the representative pod answers for its class.
function createPortTest<R extends object>(
  destination: PodClass,
  portIndex: number,
  everyPort: (rule: R) => boolean,
  admits: (rule: R, flow: Flow) => boolean,
): PortTest<R> {
  const pod = destination.pods[0]!;
  const port = destination.ports[portIndex]!;
  const flow: Flow = {
    source: { kind: 'pod', pod },
    destination: { kind: 'pod', pod },
    port: port.containerPort,
    protocol: port.protocol,
  };
  const answers = new Map<R, boolean>();
  return (rule) => {
    if (everyPort(rule)) {
      return true;
    }
    let answer = answers.get(rule);
    if (answer === undefined) {
      answer = admits(rule, flow);
      answers.set(rule, answer);
    }
    return answer;
  };
}
