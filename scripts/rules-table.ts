// Prints the README's table of checks from the engine's own list: `node --import tsx scripts/rules-table.ts`.
import { ALL_RULES } from '../server/src/engine';

console.log('| code | severity | what it reports |');
console.log('| --- | --- | --- |');
for (const rule of ALL_RULES) {
  console.log(`| \`${rule.code}\` | ${rule.severity} | ${rule.summary} |`);
}
