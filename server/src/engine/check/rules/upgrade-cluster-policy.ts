import { isRecord } from '../read';

type PlainRecord = Readonly<Record<string, unknown>>;

const readRecord = (value: unknown): PlainRecord => (isRecord(value) ? value : {});
const readArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

/**
 * The v1alpha2 ClusterNetworkPolicy equivalent to a v1alpha1 AdminNetworkPolicy (tier Admin, same
 * priority) or BaselineAdminNetworkPolicy (tier Baseline, priority 1000: after every other
 * Baseline policy). `Allow` becomes `Accept`; `ports` become `protocols`. Fields it does not know
 * are carried over as written, for the schema to report.
 * https://network-policy-api.sigs.k8s.io/npeps/npep-285-combine-crds/
 */
export function upgradeClusterPolicy(value: PlainRecord, baseline: boolean): PlainRecord {
  const spec = readRecord(value['spec']);
  const { priority: _priority, ingress, egress, ...rest } = spec;
  const upgraded: Record<string, unknown> = {
    tier: baseline ? 'Baseline' : 'Admin',
    priority: baseline ? 1000 : spec['priority'],
    ...rest,
  };
  if (ingress !== undefined) {
    upgraded['ingress'] = Array.isArray(ingress) ? ingress.map(upgradeRule) : ingress;
  }
  if (egress !== undefined) {
    upgraded['egress'] = Array.isArray(egress) ? egress.map(upgradeRule) : egress;
  }
  const { status: _status, ...object } = value;
  return {
    ...object,
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    spec: upgraded,
  };
}

function upgradeRule(rule: unknown): unknown {
  if (!isRecord(rule)) {
    return rule;
  }
  const { action, ports, ...rest } = rule;
  return {
    ...rest,
    action: action === 'Allow' ? 'Accept' : action,
    ...(ports === undefined ? {} : { protocols: readArray(ports).map(upgradePort) }),
  };
}

function upgradePort(port: unknown): unknown {
  if (!isRecord(port)) {
    return port;
  }
  if (typeof port['namedPort'] === 'string') {
    return { destinationNamedPort: port['namedPort'] };
  }
  const number = readRecord(port['portNumber']);
  if (isRecord(port['portNumber'])) {
    return { [protocolKey(number['protocol'])]: { destinationPort: { number: number['port'] } } };
  }
  const range = readRecord(port['portRange']);
  if (isRecord(port['portRange'])) {
    return {
      [protocolKey(range['protocol'])]: {
        destinationPort: { range: { start: range['start'], end: range['end'] } },
      },
    };
  }
  return port;
}

// v1alpha1 defaults the protocol to TCP.
function protocolKey(protocol: unknown): string {
  return typeof protocol === 'string' ? protocol.toLowerCase() : 'tcp';
}
