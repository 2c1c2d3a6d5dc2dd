/** `1 pod`, `3 pods`: a count and its noun, made plural the English way for regular nouns. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
