/** schema.graphql is a build output under review: it must match what the code builds. */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { buildWorksSchema } from '../src/schema.js';

it('schema.graphql is up to date (run: npm run schema -w @articula/works)', async () => {
  const { sdl } = await buildWorksSchema();
  const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
  expect(committed).toBe(sdl);
});

it('declares the federation keys of every entity', async () => {
  const { sdl } = await buildWorksSchema();
  expect(sdl).toMatch(/type District @key\(fields: "ubigeo"\)/);
  for (const type of ['Agency', 'Department', 'Work']) expect(sdl).toMatch(new RegExp(`type ${type} @key\\(fields: "id"\\)`));
});
