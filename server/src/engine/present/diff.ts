import type { ContainerPort } from '../world/types';

/** `+3 opened, -1 closed`: the counts of a diff, as the status bar and the CLI say them. */
export function summarizeDiffCounts(openedPairs: number, closedPairs: number): string {
  return `+${openedPairs} opened, -${closedPairs} closed`;
}

/** `8080/TCP`, or `8080 (http)/TCP` when the port is named. */
export function describePort(port: ContainerPort): string {
  const name = port.name === undefined ? '' : ` (${port.name})`;
  return `${port.containerPort}${name}/${port.protocol}`;
}

/** `1 sample flow changed its verdict`, `2 sample flows ...`. */
export function describeFlowChanges(count: number): string {
  return `${count} sample ${count === 1 ? 'flow' : 'flows'} changed ${count === 1 ? 'its verdict' : 'their verdicts'}`;
}
