import { displayPath, recordAt } from '../read';
import type { Report } from '../report';
import { atKey } from '../report';

export function checkNetworkLogging(object: unknown): Report[] {
  return [
    ...checkNamespace(object),
    ...checkDelegate(object, 'allow'),
    ...checkDelegate(object, 'deny'),
  ];
}

// The CRD is cluster-scoped (docs/gke-logging.md §1.2), so a namespace is meaningless.
function checkNamespace(object: unknown): Report[] {
  const metadata = recordAt(object, ['metadata']);
  if (metadata === undefined || !Object.hasOwn(metadata, 'namespace')) {
    return [];
  }
  return [
    {
      code: 'network-logging-namespace',
      message: 'NetworkLogging is cluster-scoped, so metadata.namespace does not apply.',
      target: atKey(['metadata', 'namespace']),
    },
  ];
}

// anetd's validateLogAction: delegate cannot be true when log is false; GKE then keeps the
// previous configuration and this object has no effect (docs/gke-logging.md §1.3).
function checkDelegate(object: unknown, disposition: 'allow' | 'deny'): Report[] {
  const path = ['spec', 'cluster', disposition];
  const action = recordAt(object, path);
  if (action === undefined || action['delegate'] !== true || action['log'] === true) {
    return [];
  }
  return [
    {
      code: 'delegate-without-log',
      message: `${displayPath([...path, 'delegate'])} is true, so ${displayPath([...path, 'log'])} must be true too; GKE ignores this configuration.`,
      target: atKey([...path, 'delegate']),
    },
  ];
}
