/**
 * The gateway's query limits, on the public API schema (no server, no database): for each limit the
 * boundary passes and one more is refused with its code, fragments hide nothing, introspection and
 * a journalist's everyday query still work. Costs are worked out by hand in the comments, with the
 * model of src/limits.ts: object fields 1, scalars 0, lists multiply their children.
 */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { type GraphQLError, getIntrospectionQuery, parse, validate } from 'graphql';
import {
  LIMITS, LIMIT_ERROR_CODES, type LimitProfile, MAX_INTROSPECTION_LIST_NESTING,
  checkDocument, checkDocumentText, checkRequest, limitsPlugin, measureDocument, profileFor,
} from '../src/limits.js';
import { aliased, atAnonymousLimit, atAuthenticatedLimit, directed, nested, ofLength, oneMore, withTokens } from './limit-queries.js';
import { SUPERGRAPH_PATHS } from '../src/subgraphs.js';

const schema = Supergraph.build(readFileSync(SUPERGRAPH_PATHS.public, 'utf8')).apiSchema().toGraphQLJSSchema();
const { anonymous, official, agency } = LIMITS;
const authenticated = [['official', official], ['agency', agency]] as const;

/** Both checks in the server's order: the text, then the parsed document. */
function check(query: string, profile: LimitProfile = anonymous, variables?: Record<string, unknown>, operationName?: string): GraphQLError | null {
  return checkDocumentText(query, profile) ?? checkDocument(parse(query), schema, variables, operationName, profile);
}

const measure = (query: string, variables?: Record<string, unknown>) => measureDocument(parse(query), schema, variables, undefined);

/** A boundary only proves something if the API would otherwise run the query. */
function expectValid(query: string) {
  expect(validate(schema, parse(query)).map((e) => e.message)).toEqual([]);
}

function expectPasses(query: string, profile: LimitProfile = anonymous, variables?: Record<string, unknown>) {
  expectValid(query);
  expect(check(query, profile, variables)).toBeNull();
}

function expectRefused(query: string, profile: LimitProfile, extensions: Record<string, unknown>, variables?: Record<string, unknown>) {
  expectValid(query);
  const error = check(query, profile, variables);
  expect(error?.extensions).toMatchObject(extensions);
  expect(LIMIT_ERROR_CODES.has(String(error?.extensions.code))).toBe(true);
}

describe('depth', () => {
  it('lets an anonymous caller nest 8 levels and refuses 9', () => {
    expect(measure(nested(8)).depth).toBe(8);
    expectPasses(nested(8));
    expectRefused(nested(9), anonymous, { code: 'QUERY_TOO_DEEP', limit: 8, actual: 9 });
  });

  it.each(authenticated)('lets an %s nest 10 levels and refuses 11', (_kind, profile) => {
    expectPasses(nested(10), profile);
    expectRefused(nested(11), profile, { code: 'QUERY_TOO_DEEP', limit: 10, actual: 11 });
  });

  it('counts fields inside fragments where they are spread, and fragments themselves as no level', () => {
    // works 1, edges 2, node 3, districts 4, works 5, edges 6, node 7, districts 8, name 9.
    const hidden = (leaf: string) => `
      { ...Root }
      fragment Root on Query { works(first: 1) { ...Page } }
      fragment Page on WorkConnection { edges { ... on WorkEdge { node { ...W } } } }
      fragment W on Work { districts { works(first: 1) { edges { node { ${leaf} } } } } }`;
    expectPasses(hidden('title'));
    expectRefused(hidden('districts { name }'), anonymous, { code: 'QUERY_TOO_DEEP', limit: 8, actual: 9 });
  });
});

describe('aliases', () => {
  it('allows 15 aliases and refuses 16', () => {
    expectPasses(aliased(15));
    expectRefused(aliased(16), anonymous, { code: 'TOO_MANY_ALIASES', limit: 15, actual: 16 });
    expectRefused(aliased(16), official, { code: 'TOO_MANY_ALIASES', limit: 15, actual: 16 });
  });

  it('counts a fragment’s aliases at every spread', () => {
    const fragment = `fragment Names on District { ${Array.from({ length: 8 }, (_, i) => `n${i}: name`).join(' ')} }`;
    expectPasses(`{ districts { ...Names } } ${fragment}`);
    expectRefused(`{ districts { ...Names } district(ubigeo: "120101") { ...Names } } ${fragment}`, anonymous, { code: 'TOO_MANY_ALIASES', limit: 15, actual: 16 });
  });
});

describe('directives', () => {
  it('allows 10 directives and refuses 11', () => {
    expectPasses(directed(10));
    expectRefused(directed(11), anonymous, { code: 'TOO_MANY_DIRECTIVES', limit: 10, actual: 11 });
    expectRefused(directed(11), agency, { code: 'TOO_MANY_DIRECTIVES', limit: 10, actual: 11 });
  });

  it('counts directives on spreads, inline fragments and inside spread fragments as well', () => {
    // On the spread, the inline fragment, a field, and a field inside the spread fragment.
    const query = `
      query ($on: Boolean = true) { districts { ...F @include(if: $on) ... @skip(if: false) { name @include(if: $on) } } }
      fragment F on District { ubigeo @skip(if: false) }`;
    expectValid(query);
    expect(measure(query).directives).toBe(4);
  });
});

describe('tokens', () => {
  it('allows 1,000 tokens to an anonymous caller and refuses 1,001', () => {
    expectPasses(withTokens(1_000));
    expectRefused(withTokens(1_001), anonymous, { code: 'TOO_MANY_TOKENS', limit: 1_000, actual: 1_001 });
  });

  it.each(authenticated)('allows 2,000 tokens to an %s and refuses 2,001', (_kind, profile) => {
    expectPasses(withTokens(2_000), profile);
    expectRefused(withTokens(2_001), profile, { code: 'TOO_MANY_TOKENS', limit: 2_000, actual: 2_001 });
  });

  it('stops reading at the first token past the limit', () => {
    // 1,001 tokens and then text that cannot be lexed: reading on would have failed on it.
    const query = `{${' a'.repeat(1_000)} "never closed`;
    expect(checkDocumentText(query, anonymous)?.extensions).toMatchObject({ code: 'TOO_MANY_TOKENS' });
    expect(checkDocumentText(`{ a "never closed`, anonymous)).toBeNull(); // the parser reports syntax errors, not this check
  });

  it('does not count comments or commas', () => {
    expect(checkDocumentText(`# ${'x '.repeat(3_000)}\n{ districts { name } }`, anonymous)).toBeNull();
    expect(checkDocumentText(`{ works(first: 1 filter: { district: [${' "120101",'.repeat(981)} ] }) { totalCount } }`, anonymous)).toBeNull();
  });
});

describe('document size', () => {
  it.each([['anonymous', anonymous], ...authenticated] as const)('allows 15,000 characters to %s and refuses 15,001', (_kind, profile) => {
    expect(ofLength(15_000)).toHaveLength(15_000);
    expectPasses(ofLength(15_000), profile);
    expectRefused(ofLength(15_001), profile, { code: 'DOCUMENT_TOO_LARGE', limit: 15_000, actual: 15_001 });
  });

  it('refuses a huge document by its length alone', () => {
    const huge = `{ ${'a '.repeat(5_000_000)}}`;
    const started = performance.now();
    expect(checkDocumentText(huge, anonymous)?.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', actual: huge.length });
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('page size', () => {
  it('allows first: 100 and refuses first: 101', () => {
    expectPasses(`{ works(first: 100) { totalCount } }`);
    expectRefused(`{ works(first: 101) { totalCount } }`, anonymous, { code: 'PAGE_SIZE_EXCEEDED', limit: 100, actual: 101 });
    expectRefused(`{ works(first: 101) { totalCount } }`, official, { code: 'PAGE_SIZE_EXCEEDED', limit: 100, actual: 101 });
  });

  it('reads the page size from variables and their defaults', () => {
    const query = `query Works($n: Int) { works(first: $n) { totalCount } }`;
    expectPasses(query, anonymous, { n: 100 });
    expectRefused(query, anonymous, { code: 'PAGE_SIZE_EXCEEDED', limit: 100, actual: 101 }, { n: 101 });
    const defaulted = `query Works($n: Int = 101) { works(first: $n) { totalCount } }`;
    expectRefused(defaulted, anonymous, { code: 'PAGE_SIZE_EXCEEDED', actual: 101 });
    expectPasses(defaulted, anonymous, { n: 10 });
  });

  it('applies to every first argument: nested, in fragments, on plain lists', () => {
    expectRefused(`{ district(ubigeo: "120101") { ...D } } fragment D on District { works(first: 101) { totalCount } }`, anonymous, { code: 'PAGE_SIZE_EXCEEDED', actual: 101 });
    expectRefused(`{ work(id: "1") { history(first: 101) { at } } }`, anonymous, { code: 'PAGE_SIZE_EXCEEDED', actual: 101 });
    expectRefused(`{ districts { works(first: 1000000) { totalCount } } }`, anonymous, { code: 'PAGE_SIZE_EXCEEDED', actual: 1_000_000 });
  });
});

describe('cost', () => {
  it('follows the documented model', () => {
    // A connection without first returns 20: works 1 + edges 1 + 20 × (node 1 + executor 1).
    expect(measure(`{ works { edges { node { executor { name } } } } }`).cost).toBe(42);
    // A plain list counts as 10: districts 1 + 10 × requestStats 1.
    expect(measure(`{ districts { requestStats { suppressed } } }`).cost).toBe(11);
    // A list's own first default (history: Int! = 20): work 1 + history 1 + 20 × (changes 1 + 10 × 0).
    expect(measure(`{ work(id: "1") { history { changes { field } } } }`).cost).toBe(22);
    // The page from a variable: works 1 + edges 1 + 5 × 2.
    expect(measure(`query ($n: Int) { works(first: $n) { edges { node { executor { name } } } } }`, { n: 5 }).cost).toBe(12);
    // Scalars cost nothing and only the connection's lists are multiplied: works 1 + pageInfo 1 + edges 1.
    expect(measure(`{ works(first: 100) { totalCount pageInfo { hasNextPage } edges { cursor } } }`).cost).toBe(3);
  });

  it('allows an anonymous caller a cost of 1,000 and refuses 1,001', () => {
    expect(measure(atAnonymousLimit).cost).toBe(1_000);
    expectPasses(atAnonymousLimit);
    expectRefused(oneMore(atAnonymousLimit), anonymous, { code: 'QUERY_TOO_COSTLY', limit: 1_000, actual: 1_001, cost: 1_001, maxCost: 1_000 });
  });

  it.each(authenticated)('allows an %s a cost of 5,000 and refuses 5,001', (_kind, profile) => {
    expect(measure(atAuthenticatedLimit).cost).toBe(5_000);
    expectPasses(atAuthenticatedLimit, profile);
    expectRefused(oneMore(atAuthenticatedLimit), profile, { code: 'QUERY_TOO_COSTLY', cost: 5_001, maxCost: 5_000 });
  });

  it('refuses the authenticated limit to an anonymous caller', () => {
    expectRefused(atAuthenticatedLimit, anonymous, { code: 'QUERY_TOO_COSTLY', cost: 5_000, maxCost: 1_000 });
  });

  it('multiplies through fragments as where they are spread', () => {
    const viaFragments = `
      { agreements(first: 83) { ...Page } district(ubigeo: "120101") { name } departments { name } }
      fragment Page on AgreementConnection { pageInfo { hasNextPage } ... on AgreementConnection { edges { ...Edge } } }
      fragment Edge on AgreementEdge { node { works { executor { name } } } }`;
    expectRefused(viaFragments, anonymous, { code: 'QUERY_TOO_COSTLY', cost: 1_001 });
  });

  it('measures fragments spread into each other exponentially in linear time, and refuses them', () => {
    // F0 costs 11; each Fk spreads F(k-1) twice, so F40 expands to 11 × 2^40.
    const fragments = [`fragment F0 on Query { districts { requestStats { suppressed } } }`];
    for (let k = 1; k <= 40; k++) fragments.push(`fragment F${k} on Query { ...F${k - 1} ... on Query { ...F${k - 1} } }`);
    const query = `{ ...F40 } ${fragments.join(' ')}`;
    const started = performance.now();
    const error = check(query);
    expect(performance.now() - started).toBeLessThan(200);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 11 * 2 ** 40 });
  });

  it('answers a fragment cycle without overflowing the stack: expanded once, and validation refuses it', () => {
    const cyclic = `
      { works(first: 1) { edges { node { ...A } } } }
      fragment A on Work { districts { works(first: 1) { edges { node { ...B } } } } }
      fragment B on Work { title executor { name } ...A }`;
    const document = parse(cyclic);
    expect(() => checkDocument(document, schema, undefined, undefined, anonymous)).not.toThrow();
    // works 1, edges 2, node 3, districts 4, works 5, edges 6, node 7, executor 8, name 9: one turn of the cycle is already too deep.
    expect(checkDocument(document, schema, undefined, undefined, anonymous)?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', actual: 9 });
    expect(validate(schema, document).map((e) => e.message).join(' ')).toMatch(/Cannot spread fragment "A" within itself/);
    const selfSpread = parse(`{ districts { ...D } } fragment D on District { name ...D }`);
    expect(checkDocument(selfSpread, schema, undefined, undefined, anonymous)).toBeNull();
    expect(validate(schema, selfSpread)).not.toHaveLength(0);
  });
});

describe('everyday use', () => {
  it('lets anyone run the standard introspection query', () => {
    const standard = getIntrospectionQuery();
    // Depth 6 (__schema types fields args type name): ofType adds no level; every field costs 1, flat.
    expect(measure(standard)).toMatchObject({ depth: 6, cost: 220, introspectionLists: 3, aliases: 0, directives: 0 });
    expectPasses(standard);
    expectPasses(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true, oneOf: true }));
  });

  it('still counts introspection: nested lists of types and many copies of the schema are refused', () => {
    expectPasses(`{ __type(name: "Work") { fields { name type { name fields { name } } } } }`);
    // types → fields → fields → fields multiplies the answer by the schema's size three times. (graphql-js
    // validation, MaxIntrospectionDepthRule, refuses it too, but only after this check would have run.)
    const lists = `{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }`;
    expect(check(lists, official)?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', introspection: true, limit: MAX_INTROSPECTION_LIST_NESTING, actual: 4 });
    const standard = getIntrospectionQuery();
    const copies = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `s${i}: __schema { types { ...FullType } }`).join(' ')} } ${standard.slice(standard.indexOf('fragment FullType'))}`;
    // Each copy: __schema 1 + types 1 + FullType 171.
    expectPasses(copies(5));
    expectRefused(copies(6), anonymous, { code: 'QUERY_TOO_COSTLY', cost: 6 * 173 });
  });

  it('lets an anonymous journalist list works with districts, executor, agreements and budget', () => {
    const query = `{ works(first: 50) { edges { node { title districts { name } executor { name } agreements { text } budget(year: 2026) { accrued } } } } }`;
    // works 1 + edges 1 + 50 × (node 1 + districts 1 + executor 1 + agreements 1 + budget 1).
    expect(measure(query).cost).toBe(252);
    expectPasses(query);
  });

  it('gives each kind of caller its profile', () => {
    expect(profileFor({ kind: 'anonymous' })).toBe(anonymous);
    expect(profileFor({ kind: 'official' })).toBe(official);
    expect(profileFor({ kind: 'agency' })).toBe(agency);
    expect(profileFor({ kind: 'something-new' } as never)).toBe(anonymous);
    expect(Object.isFrozen(anonymous)).toBe(true);
    expect([...LIMIT_ERROR_CODES].sort()).toEqual(['DOCUMENT_TOO_LARGE', 'PAGE_SIZE_EXCEEDED', 'QUERY_TOO_COSTLY', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'TOO_MANY_TOKENS']);
  });
});

describe('checkRequest (the HTTP pre-check)', () => {
  const works = `query Works($n: Int) { works(first: $n) { totalCount } }`;

  it('checks a POST body and a GET query string alike', () => {
    expect(checkRequest({ query: works, variables: { n: 101 } }, schema, anonymous)?.extensions.code).toBe('PAGE_SIZE_EXCEEDED');
    expect(checkRequest({ query: works, variables: '{"n":101}' }, schema, anonymous)?.extensions.code).toBe('PAGE_SIZE_EXCEEDED');
    expect(checkRequest({ query: works, variables: { n: 10 } }, schema, anonymous)).toBeNull();
    expect(checkRequest({ query: nested(9) }, schema, anonymous)?.extensions.code).toBe('QUERY_TOO_DEEP');
    expect(checkRequest({ query: 'x'.repeat(15_001) }, schema, anonymous)?.extensions.code).toBe('DOCUMENT_TOO_LARGE');
  });

  it('leaves what is not a query text to Apollo Server', () => {
    expect(checkRequest({ extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }, schema, anonymous)).toBeNull();
    expect(checkRequest({ query: '{ works(' }, schema, anonymous)).toBeNull();
    expect(checkRequest(undefined, schema, anonymous)).toBeNull();
    expect(checkRequest({ query: works, variables: '{not json' }, schema, anonymous)).toBeNull();
  });

  it('checks the operation that will run, or all of them when that is ambiguous', () => {
    const two = `query Small { works(first: 1) { totalCount } } query Big { works(first: 101) { totalCount } }`;
    expect(checkRequest({ query: two, operationName: 'Small' }, schema, anonymous)).toBeNull();
    expect(checkRequest({ query: two, operationName: 'Big' }, schema, anonymous)?.extensions.code).toBe('PAGE_SIZE_EXCEEDED');
    expect(checkRequest({ query: two }, schema, anonymous)?.extensions.code).toBe('PAGE_SIZE_EXCEEDED');
  });
});

it('refuses inside Apollo Server (limitsPlugin) with HTTP 400, for documents sent by hash', async () => {
  const plugin = limitsPlugin<{ profile: LimitProfile }>((context) => context.profile);
  const listener = (await plugin.requestDidStart!({} as never)) as { didResolveOperation(context: unknown): Promise<void> };
  const run = (query: string, profile: LimitProfile) =>
    listener.didResolveOperation({ source: query, document: parse(query), schema, request: { variables: {} }, contextValue: { profile } });
  await expect(run(nested(9), anonymous)).rejects.toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP', limit: 8, actual: 9, http: { status: 400 } } });
  await expect(run(nested(9), official)).resolves.toBeUndefined();
});
