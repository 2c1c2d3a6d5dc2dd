import type { KnownKind } from '../../core/classify';
import type { SourceObject } from '../../core/source';
import type { Report } from '../report';
import { checkLoggingAnnotations } from './annotations';
import { checkClusterPolicy } from './cluster-policy';
import { checkIpBlocks } from './ip-block';
import { checkMetadataMaps, checkPolicyNames } from './metadata';
import { checkNetworkLogging } from './network-logging';
import { checkPeers } from './peers';
import { checkPolicyTypes } from './policy-types';
import { checkPorts } from './ports';
import { policyParts } from './policy-parts';
import { checkSelectors } from './selectors';
import { checkSampleFlows } from './sample-flows';

/** The semantic rules of one object, after its schema. Kinds without rules give nothing. */
export function checkRules(kind: KnownKind, object: SourceObject): Report[] {
  const value = object.value;
  switch (kind) {
    case 'NetworkPolicy': {
      const parts = policyParts(value);
      return [
        ...checkPolicyNames(value),
        ...checkMetadataMaps(value),
        ...checkLoggingAnnotations(value, 'NetworkPolicy', true),
        ...checkPolicyTypes(value),
        ...checkSelectors(value, parts),
        ...checkPeers(parts),
        ...checkIpBlocks(value, parts),
        ...checkPorts(parts),
      ];
    }
    case 'NetworkLogging':
      return [...checkMetadataMaps(value), ...checkNetworkLogging(value)];
    case 'SampleFlows':
      return checkSampleFlows(object);
    case 'ClusterNetworkPolicy':
    case 'AdminNetworkPolicy':
    case 'BaselineAdminNetworkPolicy':
      return checkClusterPolicy(kind, object);
    case 'Namespace':
      return checkLoggingAnnotations(value, 'Namespace', false);
    default:
      return [];
  }
}
