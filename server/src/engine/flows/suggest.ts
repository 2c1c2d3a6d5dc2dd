import { distance } from 'fastest-levenshtein';

const MAX_SUGGESTIONS = 3;

/** The known names nearest to `written`, best first; only those close enough to be a typo. */
export function suggest(written: string, known: Iterable<string>): string[] {
  const limit = Math.max(2, Math.floor(written.length / 3));
  const scored: { readonly name: string; readonly score: number }[] = [];
  for (const name of new Set(known)) {
    const score = distance(written.toLowerCase(), name.toLowerCase());
    if (score <= limit) {
      scored.push({ name, score });
    }
  }
  scored.sort((left, right) => left.score - right.score || (left.name < right.name ? -1 : 1));
  return scored.slice(0, MAX_SUGGESTIONS).map((entry) => entry.name);
}

/** ` Did you mean "a" or "b"?`, or nothing. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) {
    return '';
  }
  const quoted = suggestions.map((name) => `"${name}"`);
  const last = quoted.pop()!;
  return ` Did you mean ${quoted.length > 0 ? `${quoted.join(', ')} or ${last}` : last}?`;
}
