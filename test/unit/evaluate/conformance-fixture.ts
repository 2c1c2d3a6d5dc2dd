import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile, DEFAULT_MAX_FILE_SIZE } from '../../../server/src/engine/index';
import { documents } from './fixture';
import { cnp, runTierCases } from './tiers-fixture';
import type { TierCase, TierExpectation } from './tiers-fixture';

const HOUSES = [
  ['gryffindor', 'harry-potter', 1],
  ['slytherin', 'draco-malfoy', 2],
  ['hufflepuff', 'cedric-diggory', 3],
  ['ravenclaw', 'luna-lovegood', 4],
] as const;

export type House = (typeof HOUSES)[number][0];

export const namespaceOf = (house: House): string => `network-policy-conformance-${house}`;

/**
 * The conformance suite's world: one namespace per house, labelled with its house, and two
 * replicas of one server per house. Each serves TCP 80 and 8080, UDP 53 and 5353, SCTP 9003 and
 * 9005; 80 is named `web` and 53 `dns`, as in the suite's later manifests.
 */
export const HOUSES_WORLD = HOUSES.flatMap(([house, server, octet]) => [
  `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${namespaceOf(house)}, labels: { conformance-house: ${house} } }\n`,
  ...[0, 1].map(
    (replica) => `apiVersion: v1
kind: Pod
metadata:
  name: ${server}-${replica}
  namespace: ${namespaceOf(house)}
  labels: { conformance-house: ${house}, statefulset.kubernetes.io/pod-name: ${server}-${replica} }
spec:
  containers:
    - name: server
      ports:
        - { name: web, containerPort: 80 }
        - { containerPort: 8080 }
        - { name: dns, containerPort: 53, protocol: UDP }
        - { containerPort: 5353, protocol: UDP }
        - { containerPort: 9003, protocol: SCTP }
        - { containerPort: 9005, protocol: SCTP }
status: { podIP: 10.1.${octet}.${10 + replica} }
`,
  ),
]).join('---\n');

/** A flow between two replicas of the houses world: `poke('harry-potter-0', 'luna-lovegood-1', '53/UDP')`. */
export function poke(from: string, to: string, port: string): string {
  return `${qualified(from)} -> ${qualified(to)} ${port}`;
}

function qualified(pod: string): string {
  const house = HOUSES.find(([, server]) => pod.startsWith(`${server}-`));
  return house === undefined ? pod : `${namespaceOf(house[0])}/${pod}`;
}

/** Selects the namespace of one house by the name label every namespace carries. */
export const houseByName = (house: House) => ({
  namespaces: { matchLabels: { 'kubernetes.io/metadata.name': namespaceOf(house) } },
});

/** Selects the pods of one house by their house label, in namespaces labelled with it. */
export const housePods = (house: House) => ({
  pods: {
    namespaceSelector: { matchLabels: { 'conformance-house': house } },
    podSelector: { matchLabels: { 'conformance-house': house } },
  },
});

/**
 * A rule written once for both generations. Ports read `80/TCP`, `9003-9005/SCTP` or a
 * container port name; `Allow` is v1alpha1's word for v1alpha2's `Accept`. One peer, or several.
 */
export type Rule = {
  readonly name: string;
  readonly action: 'Allow' | 'Deny' | 'Pass';
  readonly ports?: readonly string[];
} & ({ readonly peer: unknown } | { readonly peers: readonly unknown[] });

/** A rule whose peer is one house's namespace. */
export function houseRule(
  name: string,
  action: Rule['action'],
  house: House,
  ports?: string[],
): Rule {
  return { name, action, peer: houseByName(house), ...(ports && { ports }) };
}

export interface TieredPolicy {
  readonly name: string;
  readonly tier: 'Admin' | 'Baseline';
  readonly priority: number;
  readonly subject: unknown;
  readonly ingress?: readonly Rule[];
  readonly egress?: readonly Rule[];
}

export type Generation = 'v1alpha1' | 'v1alpha2';

export interface Scenario {
  readonly name: string;
  /** Tiered policies in either generation, and other documents (NetworkPolicies) as text. */
  readonly policies: readonly (TieredPolicy | string)[];
  readonly flows: readonly TierExpectation[];
  /** Both when absent. */
  readonly generations?: readonly Generation[];
}

/**
 * Runs the scenarios over a world, each in every generation it is written for; first checks that
 * no policy of theirs has an error, since a policy the engine leaves out would still allow.
 */
export function runConformanceCases(scenarios: readonly Scenario[], world: string): void {
  const cases = expandScenarios(scenarios);
  void test('every re-expressed policy is valid for its kind', () => {
    for (const entry of cases) {
      const file = analyzeFile('file:///conformance.yaml', entry.policies, {
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
      });
      const errors = file.problems.filter((problem) => problem.severity === 'error');
      assert.deepEqual(
        errors.map((problem) => problem.code),
        [],
        entry.name,
      );
    }
  });
  runTierCases(cases, world);
}

/** One case per generation a scenario is written for, named after it. */
function expandScenarios(scenarios: readonly Scenario[]): TierCase[] {
  return scenarios.flatMap((scenario) =>
    (scenario.generations ?? ['v1alpha1', 'v1alpha2']).map((generation) => ({
      name: `${scenario.name} [${generation}]`,
      policies: documents(
        ...scenario.policies.map((entry) =>
          typeof entry === 'string' ? entry : toDocument(entry, generation),
        ),
      ),
      flows: scenario.flows,
    })),
  );
}

function toDocument(policy: TieredPolicy, generation: Generation): string {
  const rules = {
    ...(policy.ingress && {
      ingress: policy.ingress.map((rule) => toRule(rule, 'from', generation)),
    }),
    ...(policy.egress && { egress: policy.egress.map((rule) => toRule(rule, 'to', generation)) }),
  };
  if (generation === 'v1alpha2') {
    return cnp(policy.name, policy.tier, policy.priority, policy.subject, rules);
  }
  const spec =
    policy.tier === 'Admin'
      ? { priority: policy.priority, subject: policy.subject, ...rules }
      : { subject: policy.subject, ...rules };
  const kind = policy.tier === 'Admin' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy';
  return `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: ${kind}\nmetadata: { name: ${policy.name} }\nspec: ${JSON.stringify(spec)}\n`;
}

function toRule(rule: Rule, peers: 'from' | 'to', generation: Generation): unknown {
  const ports = rule.ports?.map((port) => parsePort(port));
  const listed = 'peers' in rule ? rule.peers : [rule.peer];
  if (generation === 'v1alpha1') {
    return {
      name: rule.name,
      action: rule.action,
      [peers]: listed,
      ...(ports && { ports: ports.map(toV1alpha1Port) }),
    };
  }
  return {
    name: rule.name,
    action: rule.action === 'Allow' ? 'Accept' : rule.action,
    [peers]: listed,
    ...(ports && { protocols: ports.map(toV1alpha2Protocol) }),
  };
}

type Port =
  | { readonly protocol: string; readonly start: number; readonly end?: number }
  | { readonly named: string };

function parsePort(text: string): Port {
  const match = /^(\d+)(?:-(\d+))?\/(TCP|UDP|SCTP)$/.exec(text);
  if (match === null) {
    return { named: text };
  }
  const [, start, end, protocol] = match;
  return { protocol: protocol!, start: Number(start), ...(end && { end: Number(end) }) };
}

function toV1alpha1Port(port: Port): unknown {
  if ('named' in port) {
    return { namedPort: port.named };
  }
  return port.end === undefined
    ? { portNumber: { protocol: port.protocol, port: port.start } }
    : { portRange: { protocol: port.protocol, start: port.start, end: port.end } };
}

function toV1alpha2Protocol(port: Port): unknown {
  if ('named' in port) {
    return { destinationNamedPort: port.named };
  }
  const destinationPort =
    port.end === undefined
      ? { number: port.start }
      : { range: { start: port.start, end: port.end } };
  return { [port.protocol.toLowerCase()]: { destinationPort } };
}

/**
 * The world of kube-network-policies' table tests: three namespaces labelled by team, one pod in
 * each with one TCP port named `http`, at the addresses those tests give them.
 */
export const TEAMS_WORLD = (
  [
    ['foo', 'a', '192.168.1.11'],
    ['bar', 'b', '192.168.2.22'],
    ['baz', 'c', '192.168.3.33'],
  ] as const
)
  .flatMap(([team, pod, address]) => [
    `apiVersion: v1\nkind: Namespace\nmetadata: { name: ns-${team}, labels: { team: ${team}, a: b } }\n`,
    `apiVersion: v1
kind: Pod
metadata: { name: ${pod}, namespace: ns-${team}, labels: { a: b } }
spec: { containers: [{ name: c, ports: [{ name: http, containerPort: 80 }] }] }
status: { podIP: ${address} }
`,
  ])
  .join('---\n');

/** A flow whose verdict is its source's side, the destination's side allowing. */
export function decidedAtSource(flow: string, side: string): TierExpectation {
  return { flow, expect: verdictOfSide(side), egress: side };
}

/** A flow whose verdict is its destination's side, the source's side allowing. */
export function decidedAtDestination(flow: string, side: string): TierExpectation {
  return { flow, expect: verdictOfSide(side), ingress: side };
}

/** `Admin deny by p#0` is a deny; `default allow pass p#2` an allow. */
function verdictOfSide(side: string): 'allow' | 'deny' {
  return side.split(' ')[1] === 'deny' ? 'deny' : 'allow';
}
