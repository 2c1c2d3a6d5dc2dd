// What YAML would read as something other than a string: booleans and their YAML 1.1 spellings,
// null, numbers in every base, infinities and NaN.
const RESERVED =
  /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d*(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|[-+]?\.inf|\.nan)$/i;

/**
 * `value` as a YAML scalar that reads back as the same string: plain when nothing in it could be
 * read otherwise (a number, a boolean, an indicator, a comment), else JSON's double-quoted
 * string, which is valid YAML.
 */
export function toScalar(value: string): string {
  const plain = /^[\w./][\w./ -]*$/.test(value) && !value.endsWith(' ') && !RESERVED.test(value);
  return plain ? value : JSON.stringify(value);
}
