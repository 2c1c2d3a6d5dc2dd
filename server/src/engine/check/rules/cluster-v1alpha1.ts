import { stringify } from 'yaml';
import type { ClusterPolicyKind } from '../../core/classify';
import { upgradeClusterPolicy } from './upgrade-cluster-policy';
import type { SourceObject } from '../../core/source';
import type { Report, ReportFix } from '../report';
import { atValue } from '../report';

/**
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy (v1alpha1) were merged into
 * ClusterNetworkPolicy (v1alpha2); implementations are dropping the old kinds. A hint, with the
 * rewrite as a fix when the object is a document of its own (a List item keeps its indentation).
 */
export function checkV1alpha1(kind: ClusterPolicyKind, object: SourceObject): Report[] {
  if (kind === 'ClusterNetworkPolicy') {
    return [];
  }
  const baseline = kind === 'BaselineAdminNetworkPolicy';
  const tier = baseline ? 'Baseline' : 'Admin';
  const fixes: ReportFix[] =
    object.path.length === 0
      ? [
          {
            title: `Rewrite as a v1alpha2 ClusterNetworkPolicy (tier ${tier}${baseline ? ', priority 1000' : ''})`,
            edits: [
              {
                target: atValue([]),
                newText: stringify(upgradeClusterPolicy(object.value, baseline)).trimEnd(),
              },
            ],
          },
        ]
      : [];
  return [
    {
      code: 'cluster-policy-v1alpha1',
      message: `${kind} (v1alpha1) is superseded by ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) with tier: ${tier}; Calico and Antrea have dropped or deprecated the old kind.`,
      target: atValue(['apiVersion']),
      ...(fixes.length > 0 ? { fixes } : {}),
    },
  ];
}
