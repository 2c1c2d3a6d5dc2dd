import type { Intent } from './policy-gen';
import type { Random } from './random';
import type { GenPod, GenWorld } from './world-gen';
import { PROBE_NAMESPACE } from './world-gen';

type Flow = Record<string, unknown>;

/** The flow whose verdict the label edit flips; always the first flow of the flows file. */
export const PROBE_FLOW_NAME = 'bench probe, client to server';

export function generateFlows(total: number, world: GenWorld, intents: readonly Intent[], random: Random): Flow[] {
  const apps = world.pods.filter((pod) => pod.namespace !== PROBE_NAMESPACE && pod.role !== 'dns' && pod.role !== 'prometheus');
  const byApp = new Map<string, GenPod[]>();
  for (const pod of apps) {
    const key = `${pod.namespace}/${pod.role}`;
    byApp.set(key, [...(byApp.get(key) ?? []), pod]);
  }
  const dns = world.pods.find((pod) => pod.role === 'dns');
  const flows: Flow[] = [
    { name: PROBE_FLOW_NAME, from: `${PROBE_NAMESPACE}/probe-client`, to: `${PROBE_NAMESPACE}/probe-server`, port: 'http' },
  ];
  while (flows.length < total) {
    const source = random.pick(apps);
    const roll = random.next();
    const intent = intents.length > 0 && roll >= 0.5 ? random.pick(intents) : undefined;
    const from = intent === undefined ? undefined : byApp.get(`${intent.namespace}/${intent.from}`);
    const to = intent === undefined ? undefined : byApp.get(`${intent.namespace}/${intent.to}`);
    if (intent !== undefined && from !== undefined && to !== undefined) {
      // Traffic a policy was written for: usually allowed, unless an egress default-deny is in the way.
      const flow = between(random.pick(from), random.pick(to), flows.length, random);
      flows.push({ ...flow, port: random.chance(0.5) ? intent.port : (to[0]?.ports.find((port) => port.name === intent.port)?.containerPort ?? intent.port) });
    } else if (roll < 0.05 && dns !== undefined) {
      flows.push({ from: reference(source, random), to: `${dns.namespace}/${dns.name}`, port: 53, protocol: 'UDP' });
    } else if (roll < 0.1) {
      flows.push({ from: reference(source, random), to: `203.0.113.${1 + random.int(250)}`, port: random.pick([443, 80, 5432]) });
    } else if (roll < 0.13) {
      flows.push({ from: `198.51.100.${1 + random.int(250)}`, to: reference(random.pick(apps), random), port: 8443 });
    } else {
      flows.push(between(source, random.chance(0.6) ? sameNamespace(apps, source, random) : random.pick(apps), flows.length, random));
    }
  }
  return flows;
}

function between(source: GenPod, destination: GenPod, index: number, random: Random): Flow {
  const flow: Flow = {};
  if (random.chance(0.3)) {
    flow['name'] = `${source.role} to ${destination.role} #${index}`;
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
  // Reviewers state expectations on some flows: data-tier flows across namespaces should be denied.
  if (destination.role === 'db' && destination.namespace !== source.namespace && random.chance(0.5)) {
    flow['expect'] = 'deny';
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
