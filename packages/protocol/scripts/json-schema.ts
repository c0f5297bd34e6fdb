/**
 * Writes the protocol's JSON Schema files from the zod schemas, so backends in any language
 * validate against the same contract. With `--check`, writes nothing and fails when a
 * checked-in file differs from what the schemas produce.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod/mini';
import * as schemas from '../src/schemas.js';

const files: Record<string, z.ZodMiniType> = {
  'envelope.json': schemas.envelope,
  'events-request.json': schemas.eventsRequest,
  'events-response.json': schemas.eventsResponse,
  'error.json': schemas.errorBody,
  'poll-results.json': schemas.pollResults,
  'idea-list.json': schemas.ideaList,
  'similar-ideas.json': schemas.similarIdeas,
  'beta-status.json': schemas.betaStatus,
  'challenge.json': schemas.challenge,
};

const dir = fileURLToPath(new URL('../json-schema/', import.meta.url));
const check = process.argv.includes('--check');
const stale: string[] = [];

mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(files)) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const text = `${JSON.stringify({ ...json, $id: `https://heard.dev/schema/v1/${name}` }, null, 2)}\n`;
  if (!check) writeFileSync(dir + name, text);
  else {
    let current = '';
    try {
      current = readFileSync(dir + name, 'utf8');
    } catch {
      /* a missing file is stale */
    }
    if (current !== text) stale.push(name);
  }
}

if (stale.length) {
  console.error(
    `JSON Schema files out of date with the zod schemas: ${stale.join(', ')}.\nRun: pnpm --filter @heard/protocol json-schema`,
  );
  process.exit(1);
}
console.log(
  check
    ? `JSON Schema files match the zod schemas (${Object.keys(files).length} files).`
    : `Wrote ${Object.keys(files).length} JSON Schema files to ${dir}`,
);
