/** The committed supergraphs must compose from the committed subgraph schemas and be current. */
import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { composeSupergraph, withoutPrivate } from '../src/compose.js';
import { SUPERGRAPH_PATHS } from '../src/subgraphs.js';

it.each(['full', 'public'] as const)('supergraph (%s) is what the subgraphs compose to (run: npm run compose -w @articula/gateway)', (variant) => {
  expect(readFileSync(SUPERGRAPH_PATHS[variant], 'utf8')).toBe(composeSupergraph(variant));
});

it('fails loudly when subgraphs do not compose', () => {
  expect(() => composeSupergraph('full', { works: 'type Query { broken: NoSuchType }' })).toThrow(/do not compose/);
});

it('removes private types, private fields, and whatever only led to them', () => {
  const sdl = `
    type Query { open: Open, secret: Secret @tag(name: "private"), viaSecret: Holder }
    type Open { a: String, b: String @tag(name: "private") }
    type Secret @tag(name: "private") { dni: String }
    type Holder { secret: Secret }
  `;
  const schema = buildASTSchema(withoutPrivate(parse(`directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT\n${sdl}`)));
  expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['open']);
  expect(Object.keys((schema.getType('Open') as any).getFields())).toEqual(['a']);
  expect(schema.getType('Secret')).toBeUndefined();
  expect(schema.getType('Holder')).toBeUndefined();
});
