import type { LogPreview } from './types';

/** A flow counts as logged when at least one side writes a record. */
export function isLogged(preview: LogPreview): boolean {
  return preview.some((entry) => entry.logged);
}

/** Whether a flow's `expectLogged` holds; an absent expectation always holds. */
export function checkExpectLogged(
  preview: LogPreview,
  expectLogged: boolean | null | undefined,
): boolean {
  return expectLogged === undefined || expectLogged === null || expectLogged === isLogged(preview);
}
