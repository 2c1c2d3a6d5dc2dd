export type ScaleName = 'S' | 'M' | 'L' | 'LD';

export interface Scale {
  readonly name: ScaleName;
  readonly policies: number;
  readonly pods: number;
  readonly flows: number;
  /** Application namespaces (kube-system, monitoring and bench-probe come on top). */
  readonly namespaces: number;
  readonly seed: number;
  /**
   * Every how many policies of the big file carries two problems of its own (an invalid label
   * value, an error, and a logging annotation that is not "true", a warning), on top of the
   * endPort and SCTP warnings every scale has; 0 for none.
   */
  readonly problemEvery: number;
  /** Tiered ClusterNetworkPolicies (Admin and Baseline), and the most rules one of them has. */
  readonly clusterPolicies: number;
  readonly clusterRules: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  S: { name: 'S', policies: 20, pods: 200, flows: 100, namespaces: 4, seed: 0x5eed0001, problemEvery: 0, clusterPolicies: 5, clusterRules: 5 },
  M: { name: 'M', policies: 200, pods: 2_000, flows: 1_000, namespaces: 10, seed: 0x5eed0002, problemEvery: 0, clusterPolicies: 20, clusterRules: 15 },
  L: { name: 'L', policies: 2_000, pods: 20_000, flows: 10_000, namespaces: 40, seed: 0x5eed0003, problemEvery: 0, clusterPolicies: 100, clusterRules: 25 },
  // L with about 2,500 diagnostics in the policy file, spread through it.
  LD: { name: 'LD', policies: 2_000, pods: 20_000, flows: 10_000, namespaces: 40, seed: 0x5eed0003, problemEvery: 3, clusterPolicies: 100, clusterRules: 25 },
};

export function isScaleName(value: string): value is ScaleName {
  return value === 'S' || value === 'M' || value === 'L' || value === 'LD';
}
