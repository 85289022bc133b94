// Fails when src/gql/ is not what codegen would generate now from the schema
// and the documents (someone edited a .graphql or the schema without running
// `npm run codegen`, or hand-edited generated code). Writes nothing.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const root = resolve(import.meta.dirname, '..');
process.chdir(root);

const { config } = await loadCodegenConfig({ configFilePath: join(root, 'codegen.ts') });
const outputs = await generate({ ...config, silent: true }, false);

const generated = new Map(outputs.map((o) => [resolve(root, o.filename), o.content]));
const dir = join(root, 'src', 'gql');
const onDisk = existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
const problems = [];
for (const [file, content] of generated) {
  if (!existsSync(file)) problems.push(`missing: ${relative(root, file)}`);
  else if (readFileSync(file, 'utf8') !== content) problems.push(`out of date: ${relative(root, file)}`);
}
for (const file of onDisk) if (!generated.has(file)) problems.push(`not generated (stale?): ${relative(root, file)}`);
if (problems.length) {
  console.error(`codegen:check failed — run \`npm run codegen\` in frontend/ and commit src/gql/:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`codegen:check: src/gql/ is up to date (${generated.size} files).`);
