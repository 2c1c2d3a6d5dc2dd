import type { Endpoint } from '../../evaluate/verdict';
import { shortReference } from '../../flows/resolve-endpoint';
import { normalizeAddress } from '../../model/ip-block';
import { isPodOf, workloadNameCandidates } from '../pod-names';
import type { RecordEndpoint } from '../types';
import type { Pod, World } from '../../world/types';

/** How a record's endpoint was found in the workspace. */
export type PlacedBy =
  | 'pod' // a Pod object of that name
  | 'workload' // the record's workload_kind/workload_name
  | 'pod-name' // the pod name is the workload's name plus its controller's suffixes
  | 'address' // instance: a pod of the workspace with that (real) IP
  | 'external'; // instance: no pod of the workspace has that IP

export type PlacedEndpoint =
  | {
      readonly placed: true;
      readonly endpoint: Endpoint;
      readonly by: PlacedBy;
      /** A workspace reference: `namespace/name` of the pod or workload, or the IP. */
      readonly reference: string;
    }
  | {
      readonly placed: false;
      /** The endpoint as the record names it: `namespace/pod_name`, or the node. */
      readonly reference: string;
      readonly why: 'unknown-pod' | 'node';
    };

/**
 * Finds a record's `src` or `dest` among the workspace's pods and workloads: by pod name, by the
 * workload fields (written only for the logging node's pods), by the names a controller gives
 * its pods, or by address.
 */
export function placeEndpoint(world: World, endpoint: RecordEndpoint): PlacedEndpoint {
  if (endpoint.instance !== undefined) {
    return placeAddress(world, endpoint.instance);
  }
  const namespace = endpoint.namespace ?? endpoint.pod_namespace ?? 'default';
  const podName = endpoint.pod_name;
  if (podName === undefined) {
    return { placed: false, reference: endpoint.node_name ?? '', why: 'node' };
  }
  const pods = namesOf(world).get(namespace);
  const found =
    pods &&
    (placeByName(pods, podName) ??
      placeByWorkload(pods, endpoint.workload_kind, endpoint.workload_name) ??
      placeByPodName(pods, podName) ??
      placeRepresentative(pods, podName));
  if (found === undefined) {
    return { placed: false, reference: `${namespace}/${podName}`, why: 'unknown-pod' };
  }
  return {
    placed: true,
    endpoint: { kind: 'pod', pod: found.pod },
    by: found.by,
    reference: shortReference(found.pod),
  };
}

type Found = { readonly pod: Pod; readonly by: PlacedBy };

/** A namespace's Pods by name, and its workloads' representative pods by workload name. */
interface Names {
  readonly pods: ReadonlyMap<string, Pod>;
  readonly workloads: ReadonlyMap<string, readonly Pod[]>;
}

// Built once per world: a node file names the pods of a namespace over and over.
const names = new WeakMap<World, ReadonlyMap<string, Names>>();

function namesOf(world: World): ReadonlyMap<string, Names> {
  let found = names.get(world);
  if (found === undefined) {
    const built = new Map<string, { pods: Map<string, Pod>; workloads: Map<string, Pod[]> }>();
    for (const pod of world.pods) {
      let namespace = built.get(pod.namespace);
      if (namespace === undefined) {
        namespace = { pods: new Map(), workloads: new Map() };
        built.set(pod.namespace, namespace);
      }
      if (pod.workload === undefined) {
        namespace.pods.set(pod.name, pod);
      } else {
        const list = namespace.workloads.get(pod.workload.name);
        if (list === undefined) {
          namespace.workloads.set(pod.workload.name, [pod]);
        } else {
          list.push(pod);
        }
      }
    }
    found = built;
    names.set(world, found);
  }
  return found;
}

function placeByName(pods: Names, name: string): Found | undefined {
  const pod = pods.pods.get(name);
  return pod && { pod, by: 'pod' };
}

function placeByWorkload(
  pods: Names,
  kind: string | undefined,
  name: string | undefined,
): Found | undefined {
  if (kind === undefined || name === undefined) {
    return undefined;
  }
  const named = (workloadKind: string, workloadName: string) =>
    pods.workloads.get(workloadName)?.find((pod) => pod.workload?.kind === workloadKind);
  // Older GKE builds report a Deployment's pods as of its ReplicaSet, `<deployment>-<hash>`.
  const pod =
    named(kind, name) ??
    (kind === 'ReplicaSet' ? named('Deployment', name.slice(0, name.lastIndexOf('-'))) : undefined);
  return pod && { pod, by: 'workload' };
}

function placeByPodName(pods: Names, podName: string): Found | undefined {
  for (const candidate of workloadNameCandidates(podName)) {
    const pod = pods.workloads
      .get(candidate)
      ?.find(
        (workload) =>
          workload.workload !== undefined && isPodOf(workload.workload.kind, candidate, podName),
      );
    if (pod !== undefined) {
      return { pod, by: 'pod-name' };
    }
  }
  return undefined;
}

/** netpol-lens's own preview names a workload's pod after the workload. */
function placeRepresentative(pods: Names, name: string): Found | undefined {
  const pod = pods.workloads.get(name)?.[0];
  return pod && { pod, by: 'workload' };
}

function placeAddress(world: World, address: string): PlacedEndpoint {
  const ip = normalizeAddress(address) ?? address;
  // A made-up address is the workspace's own invention: a real record cannot name it.
  const pods = (world.podsByIp.get(ip) ?? []).filter((pod) => !pod.ipAssigned);
  if (pods.length === 1) {
    const pod = pods[0]!;
    return {
      placed: true,
      endpoint: { kind: 'pod', pod, ip },
      by: 'address',
      reference: shortReference(pod),
    };
  }
  return { placed: true, endpoint: { kind: 'external', ip }, by: 'external', reference: ip };
}
