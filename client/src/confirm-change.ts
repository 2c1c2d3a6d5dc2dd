import type { AllowFlowResult } from '../../server/src/protocol';

type Proposed = Extract<AllowFlowResult, { ok: true }>;

/**
 * The change to apply, or why there is none: `propose` asks the server for it, and a change that
 * also opens other connections is applied only once `confirm` agrees to its title. The user may
 * edit the policies while the question is open, so the change is asked for again after they
 * agree, and applied only if it is still the one they read (its edit then fits the texts as they
 * are now); a different one is put to them in turn. Undefined: they declined.
 */
export async function confirmChange(
  propose: () => Promise<AllowFlowResult>,
  confirm: (title: string) => Promise<boolean>,
): Promise<AllowFlowResult | undefined> {
  let proposed = await propose();
  while (proposed.ok && proposed.alsoOpens > 0) {
    if (!(await confirm(proposed.title))) {
      return undefined;
    }
    const now = await propose();
    if (sameChange(now, proposed)) {
      return now;
    }
    proposed = now;
  }
  return proposed;
}

function sameChange(now: AllowFlowResult, agreed: Proposed): boolean {
  return now.ok && now.title === agreed.title && now.alsoOpens === agreed.alsoOpens;
}
