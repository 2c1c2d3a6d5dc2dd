import { matchClusterPort } from '../evaluate/match-cluster-rule';
import type { Flow } from '../evaluate/verdict';
import type { ClusterRule } from '../model/cluster-policy';
import type { PodClass } from './types';

/** Whether a cluster rule's protocols admit one column's port (its class's representative). */
export type ClusterPortTest = (rule: ClusterRule) => boolean;

// Named ports resolve on the destination, so the representative pod answers for its class.
export function createPortTest(destination: PodClass, portIndex: number): ClusterPortTest {
  const pod = destination.pods[0]!;
  const port = destination.ports[portIndex]!;
  const flow: Flow = {
    source: { kind: 'pod', pod },
    destination: { kind: 'pod', pod },
    port: port.containerPort,
    protocol: port.protocol,
  };
  const answers = new Map<ClusterRule, boolean>();
  return (rule) => {
    if (rule.ports === null) {
      return true;
    }
    let answer = answers.get(rule);
    if (answer === undefined) {
      answer = rule.ports.some((item) => matchClusterPort(item, flow));
      answers.set(rule, answer);
    }
    return answer;
  };
}
