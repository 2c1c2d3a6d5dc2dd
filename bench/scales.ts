export type ScaleName = 'S' | 'M' | 'L';

export interface Scale {
  readonly name: ScaleName;
  readonly policies: number;
  readonly pods: number;
  readonly flows: number;
  /** Application namespaces (kube-system, monitoring and bench-probe come on top). */
  readonly namespaces: number;
  readonly seed: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = {
  S: { name: 'S', policies: 20, pods: 200, flows: 100, namespaces: 4, seed: 0x5eed0001 },
  M: { name: 'M', policies: 200, pods: 2_000, flows: 1_000, namespaces: 10, seed: 0x5eed0002 },
  L: { name: 'L', policies: 2_000, pods: 20_000, flows: 10_000, namespaces: 40, seed: 0x5eed0003 },
};

export function isScaleName(value: string): value is ScaleName {
  return value === 'S' || value === 'M' || value === 'L';
}
