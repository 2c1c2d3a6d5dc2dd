import { whyNotDns1123Label, whyNotDns1123Subdomain } from '../k8s-names';
import { valueAt } from '../read';
import type { Report } from '../report';
import { atValue } from '../report';
import { checkAnnotationKeys, checkLabelMap } from './labels';

// ValidateObjectMeta with ValidateNetworkPolicyName (NameIsDNSSubdomain) and
// ValidateNamespaceName (a DNS-1123 label).
export function checkPolicyNames(object: unknown): Report[] {
  const reports: Report[] = [];
  const name = valueAt(object, ['metadata', 'name']);
  const nameReason = typeof name === 'string' ? whyNotDns1123Subdomain(name) : undefined;
  if (nameReason !== undefined) {
    reports.push({
      code: 'invalid-name',
      message: `metadata.name "${String(name)}" ${nameReason}.`,
      target: atValue(['metadata', 'name']),
    });
  }
  const namespace = valueAt(object, ['metadata', 'namespace']);
  const namespaceReason = typeof namespace === 'string' ? whyNotDns1123Label(namespace) : undefined;
  if (namespaceReason !== undefined) {
    reports.push({
      code: 'invalid-namespace',
      message: `metadata.namespace "${String(namespace)}" ${namespaceReason}.`,
      target: atValue(['metadata', 'namespace']),
    });
  }
  return reports;
}

/** Label and annotation keys and label values, as ValidateObjectMeta checks them. */
export function checkMetadataMaps(object: unknown): Report[] {
  return [
    ...checkLabelMap(object, ['metadata', 'labels']),
    ...checkAnnotationKeys(object, ['metadata', 'annotations']),
  ];
}
