import { FAILSAFE_SCHEMA, Type } from 'js-yaml';

// `parseDocument` resolves plain scalars with the YAML 1.2 core schema of `yaml` 2
// (`yaml/dist/schema/core`). js-yaml's own CORE and DEFAULT schemas read more (`1_000`, `0b1`,
// `+.5e3`, timestamps, merge keys), so these types repeat `yaml`'s tests and constructions
// exactly: the same plain scalar must give the same value on either path.

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

// One form of a type: the plain scalars it matches and the value it makes of them.
interface Form {
  readonly test: RegExp;
  readonly construct: (source: string) => unknown;
}

// js-yaml keeps one implicit type per tag, so a tag with several forms tests them in turn.
function scalarType(tag: string, forms: readonly Form[]): Type {
  const formOf = (source: string) => forms.find((form) => form.test.test(source));
  return new Type(tag, {
    kind: 'scalar',
    resolve: (source: string) => formOf(source) !== undefined,
    construct: (source: string) => formOf(source)?.construct(source),
  });
}

function toSpecialFloat(source: string): number {
  if (source.slice(-3).toLowerCase() === 'nan') {
    return NaN;
  }
  return source.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** A js-yaml schema that resolves plain scalars as `yaml` 2 does by default. */
export const CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  // In `yaml`'s order, though no plain scalar matches two of these tests.
  implicit: [
    scalarType('tag:yaml.org,2002:null', [{ test: NULL, construct: () => null }]),
    scalarType('tag:yaml.org,2002:bool', [
      { test: BOOL, construct: (source) => source[0] === 't' || source[0] === 'T' },
    ]),
    scalarType('tag:yaml.org,2002:int', [
      { test: INT_OCT, construct: (source) => parseInt(source.slice(2), 8) },
      { test: INT, construct: (source) => parseInt(source, 10) },
      { test: INT_HEX, construct: (source) => parseInt(source.slice(2), 16) },
    ]),
    scalarType('tag:yaml.org,2002:float', [
      { test: FLOAT_NAN, construct: toSpecialFloat },
      { test: FLOAT_EXP, construct: (source) => parseFloat(source) },
      { test: FLOAT, construct: (source) => parseFloat(source) },
    ]),
  ],
});
