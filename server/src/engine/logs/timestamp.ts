/** An instant with nanosecond precision, since the Unix epoch. */
export interface Instant {
  readonly seconds: number;
  readonly nanos: number;
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Parses an RFC 3339 time (up to nanoseconds); throws on anything else, a caller's bug. */
export function parseTimestamp(text: string): Instant {
  const match = RFC3339.exec(text);
  if (!match) {
    throw new RangeError(`Not an RFC 3339 timestamp: ${text}`);
  }
  const field = (index: number): number => Number(match[index]);
  const fraction = (match[7] ?? '').padEnd(9, '0');
  const sign = match[9] === '-' ? -1 : 1;
  const offsetMinutes = match[8] ? 0 : sign * (field(10) * 60 + field(11));
  const millis = Date.UTC(field(1), field(2) - 1, field(3), field(4), field(5), field(6));
  return { seconds: millis / 1000 - offsetMinutes * 60, nanos: Number(fraction) };
}

/**
 * Formats as Go's `time.Time` JSON (RFC 3339 with nanoseconds, UTC): trailing zeros of the
 * fraction are dropped, and whole seconds have no fraction at all.
 */
export function formatTimestamp(instant: Instant): string {
  const date = new Date(instant.seconds * 1000).toISOString().slice(0, 19);
  if (instant.nanos === 0) {
    return `${date}Z`;
  }
  let nanos = instant.nanos;
  let digits = 9;
  while (nanos % 10 === 0) {
    nanos /= 10;
    digits -= 1;
  }
  return `${date}.${String(nanos).padStart(digits, '0')}Z`;
}
