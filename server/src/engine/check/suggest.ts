import { distance } from 'fastest-levenshtein';

/** The candidate closest to `word`, when it is close enough to be a likely misspelling. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const candidateDistance = distance(lower, candidate.toLowerCase());
    if (candidateDistance < bestDistance) {
      best = candidate;
      bestDistance = candidateDistance;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestDistance <= limit ? best : undefined;
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
