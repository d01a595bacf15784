/** The committed supergraph must compose from the committed subgraph schemas and be current. */
import { readFileSync } from 'node:fs';
import { composeSupergraph } from '../src/compose.js';
import { SUPERGRAPH_PATH } from '../src/subgraphs.js';

it('supergraph.graphql is what the subgraphs compose to (run: npm run compose -w @articula/gateway)', () => {
  expect(readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composeSupergraph());
});

it('fails loudly when subgraphs do not compose', () => {
  expect(() => composeSupergraph({ works: 'type Query { broken: NoSuchType }' })).toThrow(/do not compose/);
});
