/** Writes the subgraph SDL to schema.graphql (committed; a test fails when it is stale). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { buildBudgetSchema } from '../schema.js';

const { sdl } = await buildBudgetSchema();
writeFileSync(new URL('../../schema.graphql', import.meta.url), sdl);
process.stdout.write('wrote services/budget/schema.graphql\n');
