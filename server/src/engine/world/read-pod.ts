import type { PlacedObject } from '../core/source';
import { originOf } from '../core/source';
import { normalizeAddress } from '../model/ip-block';
import {
  isRecord,
  readArray,
  readMetadata,
  readRecord,
  readScalar,
  readString,
} from '../model/read';
import type { PlainRecord } from '../model/read';
import type { ContainerPort, Pod, Protocol, WorkloadKind } from './types';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

/** A pod before IP assignment: `ips` is empty when the object gave none. */
export type PodDraft = Omit<Pod, 'ip' | 'ipAssigned' | 'index'>;

export function readPod(object: PlacedObject): PodDraft {
  const metadata = readMetadata(object.value);
  const spec = readRecord(object.value['spec']);
  const generateName = readString(readRecord(object.value['metadata'])['generateName']);
  return {
    namespace: metadata.namespace,
    name: metadata.name,
    labels: metadata.labels,
    ports: readContainerPorts(spec),
    ips: readPodIps(readRecord(object.value['status'])),
    hostNetwork: spec['hostNetwork'] === true,
    nodeName: readString(spec['nodeName']),
    owner: readController(object.value),
    generateName,
    origin: originOf(object),
  };
}

/** The representative pod of a workload: named after it, with its template's labels and ports. */
export function readWorkloadPod(object: PlacedObject, kind: WorkloadKind): PodDraft {
  const metadata = readMetadata(object.value);
  const template = readTemplate(object.value, kind);
  const spec = readRecord(template['spec']);
  return {
    namespace: metadata.namespace,
    name: metadata.name,
    labels: readMetadata(template).labels,
    ports: readContainerPorts(spec),
    ips: [],
    hostNetwork: spec['hostNetwork'] === true,
    nodeName: readString(spec['nodeName']),
    workload: { kind, name: metadata.name },
    origin: originOf(object),
  };
}

function readTemplate(value: PlainRecord, kind: WorkloadKind): PlainRecord {
  const spec = readRecord(value['spec']);
  if (kind === 'CronJob') {
    return readRecord(readRecord(readRecord(spec['jobTemplate'])['spec'])['template']);
  }
  return readRecord(spec['template']);
}

function readContainerPorts(spec: PlainRecord): ContainerPort[] {
  return readArray(spec['containers']).flatMap((container) =>
    readArray(readRecord(container)['ports']).flatMap((item): ContainerPort[] => {
      const port = readRecord(item);
      const containerPort = port['containerPort'];
      const protocol = PROTOCOLS.find((candidate) => candidate === (port['protocol'] ?? 'TCP'));
      if (typeof containerPort !== 'number' || protocol === undefined) {
        return [];
      }
      const name = readScalar(port['name']);
      return [name === undefined ? { containerPort, protocol } : { name, containerPort, protocol }];
    }),
  );
}

function readPodIps(status: PlainRecord): string[] {
  const written = [
    status['podIP'],
    ...readArray(status['podIPs']).map((entry) => readRecord(entry)['ip']),
  ];
  const ips: string[] = [];
  for (const value of written) {
    const normalized = typeof value === 'string' ? normalizeAddress(value) : undefined;
    if (normalized !== undefined && !ips.includes(normalized)) {
      ips.push(normalized);
    }
  }
  return ips;
}

function readController(value: PlainRecord): Pod['owner'] {
  const owners = readArray(readRecord(value['metadata'])['ownerReferences']).filter(isRecord);
  const owner = owners.find((entry) => entry['controller'] === true) ?? owners[0];
  const kind = readString(owner?.['kind']);
  const name = readString(owner?.['name']);
  return kind === undefined || name === undefined ? undefined : { kind, name };
}
