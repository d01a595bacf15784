/** schema.graphql is a build output under review: it must match what the code builds. */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { buildParticipationSchema } from '../src/schema.js';

it('schema.graphql is up to date (run: npm run schema -w @articula/participation)', async () => {
  const { sdl } = await buildParticipationSchema();
  expect(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(sdl);
});
