/** A half-open range of UTF-16 offsets, `[start, end)`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function shift(span: Span, by: number): Span {
  return by === 0 ? span : { start: span.start + by, end: span.end + by };
}

export function contains(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}
