// Validate a bundle's manifest.json with the studio's own zod schema (src/families/manifest.ts).
//   npx tsx models/recipes/tools/check_manifest.ts models/<id>/manifest.json
// Why: the Python writer (studio_models/manifest.py) must produce what the TypeScript side accepts; parsing with
// the real schema catches drift that a comparison with a fixture manifest would miss. Exits 1 on failure.
import { readFileSync } from 'node:fs';
import { manifestSchema } from '../../../src/families/manifest';

const path = process.argv[2];
if (!path) {
  console.log('usage: npx tsx check_manifest.ts <manifest.json>');
  process.exit(2);
}
const result = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
if (!result.success) {
  console.log(`${path}: INVALID`);
  for (const issue of result.error.issues) console.log(`  ${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
console.log(`${path}: valid (${result.data.id}, ${result.data.generator.inputs.length} inputs, ` +
  `${result.data.factors.length} factors${result.data.encoder ? ', encoder' : ''})`);
