import { distance } from 'fastest-levenshtein';

/** The known names nearest to `written`, best first; only those close enough to be a typo. */
export function suggest(written: string, known: Iterable<string>, max = 3): string[] {
  const lower = written.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(written.length / 3)));
  const scored: { readonly name: string; readonly score: number }[] = [];
  for (const name of new Set(known)) {
    const lowerName = name.toLowerCase();
    // The distance is at least the difference in length: skip the costly count when that is over.
    if (Math.abs(lowerName.length - lower.length) > limit) {
      continue;
    }
    const score = distance(lower, lowerName);
    if (score <= limit) {
      scored.push({ name, score });
    }
  }
  scored.sort((left, right) => left.score - right.score || (left.name < right.name ? -1 : 1));
  return scored.slice(0, max).map((entry) => entry.name);
}

/** The one candidate closest to `word`, when it is close enough to be a likely misspelling. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  return suggest(word, candidates, 1)[0];
}

/** Ends `sentence` (given without its period) with a suggestion when one is close enough. */
export function withSuggestion(
  sentence: string,
  word: string,
  candidates: Iterable<string>,
): string {
  const suggestion = nearest(word, candidates);
  return suggestion === undefined || suggestion === word
    ? `${sentence}.`
    : `${sentence}; did you mean "${suggestion}"?`;
}

/** ` Did you mean "a" or "b"?`, or nothing. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) {
    return '';
  }
  const quoted = suggestions.map((name) => `"${name}"`);
  const last = quoted.pop();
  return ` Did you mean ${quoted.length > 0 ? `${quoted.join(', ')} or ${last}` : last}?`;
}
