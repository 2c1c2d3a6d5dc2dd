import type { FieldDescription } from './engine/describe-at';

export function renderFieldHover(field: FieldDescription): string {
  const type = field.type === undefined ? '' : ` \`${field.type}\``;
  const lines = [`**${field.field}**${type}`];
  if (field.description !== undefined) {
    lines.push('', field.description);
  }
  if (field.enum !== undefined && field.enum.length > 0) {
    lines.push('', `Allowed values: ${field.enum.map((value) => `\`${value}\``).join(', ')}`);
  }
  return lines.join('\n');
}
