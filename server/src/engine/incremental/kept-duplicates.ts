import type { FileLookup } from '../check/document-analysis';
import type { Problem } from '../core/problem';
import { sameItems } from '../core/same-items';
import type { PlacedObject } from '../core/source';
import {
  checkDuplicates,
  findDuplicates,
  identitiesOf,
  identityOf,
} from '../workspace-checks/duplicates';
import type { Duplicates } from '../workspace-checks/duplicates';

/** The duplicate objects found, with what finding them again after an edit reuses. */
export interface KeptDuplicates {
  /** Each file's objects with the identities of those a cluster keeps one of, by URI. */
  readonly identitiesByUri: ReadonlyMap<string, Identities>;
  readonly duplicates: Duplicates;
  /** The duplicate-object problems, by their file and content. */
  readonly duplicateProblems: ReadonlyMap<string, Problem>;
}

interface Identities {
  readonly objects: readonly PlacedObject[];
  readonly identities: readonly (readonly [string, PlacedObject])[];
}

/**
 * The duplicate objects of the workspace and their problems. Each file's identities are kept
 * with its object list; the duplicates are found again only when a changed file's identities
 * changed or include a duplicated one. A problem alike to one before is the same object.
 */
export function updateDuplicates(
  groups: ReadonlyMap<string, readonly PlacedObject[]>,
  file: FileLookup,
  memo: KeptDuplicates | undefined,
) {
  const identitiesByUri = new Map<string, Identities>();
  let same = memo !== undefined && memo.identitiesByUri.size === groups.size;
  for (const [uri, objects] of groups) {
    const before = memo?.identitiesByUri.get(uri);
    if (before?.objects === objects) {
      identitiesByUri.set(uri, before);
      continue;
    }
    const found = { objects, identities: identitiesAgain(objects, before) };
    identitiesByUri.set(uri, found);
    same &&=
      before !== undefined &&
      sameItems(
        found.identities.map(([identity]) => identity),
        before.identities.map(([identity]) => identity),
      ) &&
      !found.identities.some(([identity]) => memo!.duplicates.has(identity));
  }
  const duplicates = same
    ? memo!.duplicates
    : findDuplicates([...identitiesByUri.values()].flatMap((each) => each.identities));
  const duplicateProblems = new Map<string, Problem>();
  const placed = checkDuplicates(duplicates, file).map(({ uri, problem }) => {
    const key = JSON.stringify([uri, problem]);
    const kept = memo?.duplicateProblems.get(key) ?? problem;
    duplicateProblems.set(key, kept);
    return { uri, problem: kept };
  });
  return { placed, kept: { identitiesByUri, duplicates, duplicateProblems } };
}

// An edit changes a document or two of a file: the other documents' objects keep their values,
// and with them their identities, which are not read again.
function identitiesAgain(
  objects: readonly PlacedObject[],
  before: Identities | undefined,
): [string, PlacedObject][] {
  if (before === undefined) {
    return identitiesOf(objects);
  }
  const known = new Map<unknown, string>();
  for (const [identity, object] of before.identities) {
    known.set(object.value, identity);
  }
  const found: [string, PlacedObject][] = [];
  for (const object of objects) {
    const identity = known.get(object.value) ?? identityOf(object);
    if (identity !== undefined) {
      found.push([identity, object]);
    }
  }
  return found;
}
