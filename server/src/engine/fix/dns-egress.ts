import { isSeq, isScalar } from 'yaml';
import type { Node } from 'yaml';
import { evaluateFlow } from '../evaluate/evaluate-flow';
import type { Dataplane } from '../evaluate/verdict';
import type { FileLookup } from '../locate-origin';
import { locateOrigin } from '../locate-origin';
import type { NetworkPolicy } from '../model/types';
import type { Edit, Problem } from '../problem';
import type { Path, PlacedProblem } from '../source';
import type { Span } from '../span';
import type { Pod, World } from '../world/types';
import { appendToList } from './yaml-edit';

/** An egress rule that admits DNS to kube-dns, as list-item lines; the snippets share it. */
export const DNS_EGRESS_RULE = `to:
  - namespaceSelector:
      matchLabels:
        kubernetes.io/metadata.name: kube-system
    podSelector:
      matchLabels:
        k8s-app: kube-dns
ports:
  - protocol: UDP
    port: 53
  - protocol: TCP
    port: 53`;

const DNS_LABEL = 'k8s-app=kube-dns';

/**
 * Warns on each policy that isolates egress for pods that then cannot reach kube-dns on UDP 53,
 * when the world has kube-dns pods; the fix adds DNS_EGRESS_RULE to the policy.
 */
export function checkDnsEgress(
  policies: readonly NetworkPolicy[],
  world: World,
  dataplane: Dataplane,
  file: FileLookup,
): PlacedProblem[] {
  const dns = world.podsByLabel.get(DNS_LABEL)?.find((pod) => pod.namespace === 'kube-system');
  if (dns === undefined) {
    return [];
  }
  const blocked = new Map<Pod, boolean>();
  const isBlocked = (pod: Pod): boolean => {
    let answer = blocked.get(pod);
    if (answer === undefined) {
      const flow = {
        source: { kind: 'pod', pod },
        destination: { kind: 'pod', pod: dns },
        port: 53,
        protocol: 'UDP',
      } as const;
      answer = !evaluateFlow(policies, world, flow, { dataplane }).egress.allowed;
      blocked.set(pod, answer);
    }
    return answer;
  };
  return policies.flatMap((policy) => {
    if (!policy.policyTypes.includes('Egress') || policy.podSelector === null) {
      return [];
    }
    const selector = policy.podSelector;
    const victim = (world.podsByNamespace.get(policy.namespace) ?? []).find(
      (pod) =>
        !pod.hostNetwork &&
        !pod.labels['k8s-app']?.startsWith('kube-dns') &&
        selector.matches(pod.labels) &&
        isBlocked(pod),
    );
    const problem = victim && toProblem(policy, victim, file);
    return problem === undefined ? [] : [{ uri: policy.origin.uri, problem }];
  });
}

function toProblem(policy: NetworkPolicy, victim: Pod, file: FileLookup): Problem | undefined {
  const { origin } = policy;
  const document = file(origin.uri)?.documents.find((placed) => placed.offset === origin.offset);
  const tree = document?.analysis.parsed.tree();
  if (document === undefined || tree === undefined) {
    return undefined;
  }
  const spec: Path = [...origin.path, 'spec'];
  const types = tree.getIn([...spec, 'policyTypes'], true) as Node | undefined;
  const egressIndex = isSeq(types)
    ? types.items.findIndex((item) => isScalar(item) && item.value === 'Egress')
    : -1;
  const span =
    egressIndex === -1
      ? locateOrigin(file, origin, ['spec', 'egress'], 'key')
      : locateOrigin(file, origin, ['spec', 'policyTypes', egressIndex]);
  if (span === undefined) {
    return undefined;
  }
  const edits = appendToList(
    document.analysis.parsed.text,
    tree,
    [...spec, 'egress'],
    DNS_EGRESS_RULE,
  );
  return {
    code: 'egress-blocks-dns',
    severity: 'warning',
    message: `Pods this policy isolates for egress, such as ${victim.namespace}/${victim.name}, cannot reach kube-dns on UDP port 53, so their DNS lookups fail.`,
    span,
    ...(edits === undefined
      ? {}
      : {
          fixes: [
            {
              title: 'Allow DNS egress to kube-dns',
              edits: edits.map((edit) => shift(edit, origin.offset)),
            },
          ],
        }),
  };
}

function shift(edit: Edit, by: number): Edit {
  const span: Span = { start: edit.span.start + by, end: edit.span.end + by };
  return { ...edit, span };
}
