import type { Random } from './random';
import type { GenPod, GenWorld } from './world-gen';
import { PROBE_NAMESPACE } from './world-gen';

type Flow = Record<string, unknown>;

/** The flow whose verdict the label edit flips; always the first flow of the flows file. */
export const PROBE_FLOW_NAME = 'bench probe: client to server';

export function generateFlows(total: number, world: GenWorld, random: Random): Flow[] {
  const apps = world.pods.filter((pod) => pod.namespace !== PROBE_NAMESPACE && pod.role !== 'dns' && pod.role !== 'prometheus');
  const dns = world.pods.find((pod) => pod.role === 'dns');
  const flows: Flow[] = [
    { name: PROBE_FLOW_NAME, from: `${PROBE_NAMESPACE}/probe-client`, to: `${PROBE_NAMESPACE}/probe-server`, port: 'http' },
  ];
  while (flows.length < total) {
    const source = random.pick(apps);
    const roll = random.next();
    if (roll < 0.05 && dns !== undefined) {
      flows.push({ from: reference(source, random), to: `${dns.namespace}/${dns.name}`, port: 53, protocol: 'UDP' });
    } else if (roll < 0.1) {
      flows.push({ from: reference(source, random), to: `203.0.113.${1 + random.int(250)}`, port: random.pick([443, 80, 5432]) });
    } else if (roll < 0.13) {
      flows.push({ from: `198.51.100.${1 + random.int(250)}`, to: reference(random.pick(apps), random), port: 8443 });
    } else {
      flows.push(between(source, random.chance(0.6) ? sameNamespace(apps, source, random) : random.pick(apps), random));
    }
  }
  return flows;
}

function between(source: GenPod, destination: GenPod, random: Random): Flow {
  const flow: Flow = {};
  if (random.chance(0.3)) {
    flow['name'] = `${source.role} to ${destination.role}`;
  }
  flow['from'] = reference(source, random);
  flow['to'] = reference(destination, random);
  const port = destination.ports.length === 0 ? undefined : random.pick(destination.ports);
  if (port === undefined || random.chance(0.05)) {
    flow['port'] = random.pick([22, 8081, 9999]);
  } else {
    flow['port'] = random.chance(0.35) ? port.name : port.containerPort;
    if (port.protocol !== 'TCP' || random.chance(0.1)) {
      flow['protocol'] = port.protocol;
    }
  }
  if (random.chance(0.2)) {
    flow['expect'] = random.chance(0.6) ? 'allow' : 'deny';
  }
  return flow;
}

function sameNamespace(apps: readonly GenPod[], source: GenPod, random: Random): GenPod {
  for (let tries = 0; tries < 20; tries++) {
    const candidate = random.pick(apps);
    if (candidate.namespace === source.namespace) {
      return candidate;
    }
  }
  return random.pick(apps);
}

function reference(pod: GenPod, random: Random): string {
  if (pod.kind === 'Pod') {
    return pod.ip !== undefined && random.chance(0.3) ? pod.ip : `${pod.namespace}/${pod.name}`;
  }
  return random.chance(0.15) ? `${pod.namespace}/${pod.kind.toLowerCase()}/${pod.name}` : `${pod.namespace}/${pod.name}`;
}
