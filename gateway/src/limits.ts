/**
 * Query limits of the public endpoint: how much one GraphQL request may ask of the platform. The
 * text is checked before it is parsed (size, then a token count that stops just past the limit, so
 * a huge document costs almost nothing to refuse); the parsed document is checked before it is
 * validated, planned, or sent to a subgraph (depth, aliases, directives, page size, cost). Every
 * refusal is a GraphQLError with a stable `extensions.code` (LIMIT_ERROR_CODES) and the `limit`
 * it broke with the `actual` value; the server answers it with HTTP 400.
 *
 * Fragments are expanded wherever they are spread, so they can hide neither depth nor cost. Each
 * fragment is measured once per context and remembered, so a document that spreads fragments into
 * each other exponentially is measured in linear time (and refused: its cost grows just as fast).
 * A fragment that spreads itself is expanded once and no further: graphql-js validation
 * (NoFragmentCyclesRule) refuses such a document anyway, this walk only has to end.
 *
 * Cost model, a static estimate of the objects the subgraphs must load for one request:
 *  - A field of object type (an object, a list of objects, a connection) costs 1 each time it is
 *    resolved, so its children's cost is multiplied by how many items the field returns. A scalar or
 *    enum field costs nothing: it is a column of an object already paid for, and the token limit
 *    bounds how many of them a document can name. (Charging scalars 1 as well would price a
 *    journalist's `works(first: 50)` with districts, executor, agreements and budget at 1,402, over
 *    the anonymous 1,000; without them it is 252.)
 *  - A connection (a type with a list field `edges`) costs 1; its list fields (`edges`) return a
 *    page: the `first` argument (literal, variable or variable default), else the argument's
 *    default in the schema, else 20 (the subgraphs' DEFAULT_PAGE_SIZE). `totalCount`/`pageInfo` are
 *    not multiplied.
 *  - A plain list with a `first` argument returns that many items (or its default, else 20); a
 *    plain list without one counts as 10.
 *  - @skip/@include are ignored (as if every field were included) and inline fragments on different
 *    types are summed: the estimate errs high, never low.
 *  Example: `works(first: 50) { edges { node { title districts { name } executor { name } } } }`
 *  = works 1 + edges 1 + 50 × (node 1 + districts 1 + executor 1) = 152.
 *
 * Introspection (the subtrees under `__schema`/`__type`) is answered from the gateway's memory and
 * grows with the schema, not with data, so it has its own rules:
 *  - Every introspection field costs 1, scalars included, and lists do not multiply: the standard
 *    `getIntrospectionQuery()` costs 220, so an anonymous caller can introspect, but cannot ask for
 *    many copies of the schema in one request.
 *  - `ofType` adds no depth. The standard query nests `ofType` nine times to unwrap `[[T!]!]!`-style
 *    type references (depth 15 counted plainly); it is a chain of wrappers that ends in null after a
 *    few levels on any real schema. With `ofType` free the standard query has depth 6 (`__schema
 *    types fields args type name`), within the anonymous 8, and every other introspection field
 *    still counts, so `fields { type { fields { type … } } }` cannot hide.
 *  - Lists of introspection objects nest at most 3 deep (the standard query's `types → fields →
 *    args`): each further level multiplies the answer by the schema's size (QUERY_TOO_DEEP with
 *    `extensions.introspection: true`). graphql-js validation has a like rule (MaxIntrospectionDepthRule,
 *    on `fields`/`interfaces`/`possibleTypes`/`inputFields`); this one runs before validation does.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  type SelectionSetNode,
  SchemaMetaFieldDef,
  Source,
  TokenKind,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isObjectType,
  parse,
  valueFromASTUntyped,
} from 'graphql';

export interface LimitProfile {
  /** Nesting of fields, fragments expanded (`ofType` inside introspection excepted). */
  maxDepth: number;
  /** Aliased fields, fragments expanded. */
  maxAliases: number;
  /** Directives anywhere in the executed operation, fragments expanded. */
  maxDirectives: number;
  /** Lexical tokens of the document (comments and commas are not tokens). */
  maxTokens: number;
  /** Characters (UTF-16 code units) of the document text. */
  maxDocumentChars: number;
  /** Estimated cost; see the model in this file's header. */
  maxCost: number;
  /** Largest `first` argument. Matches the subgraphs' MAX_PAGE_SIZE, so a refused page is refused here, before any work. */
  maxPageSize: number;
}

const profile = (p: LimitProfile): LimitProfile => Object.freeze(p);

/** Anonymous callers are the open internet; officials and agencies are known and accountable, so they may ask more. */
export const LIMITS: { readonly anonymous: LimitProfile; readonly official: LimitProfile; readonly agency: LimitProfile; readonly bulk: LimitProfile } = Object.freeze({
  anonymous: profile({ maxDepth: 8, maxAliases: 15, maxDirectives: 10, maxTokens: 1_000, maxDocumentChars: 15_000, maxCost: 1_000, maxPageSize: 100 }),
  official: profile({ maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2_000, maxDocumentChars: 15_000, maxCost: 5_000, maxPageSize: 100 }),
  agency: profile({ maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2_000, maxDocumentChars: 15_000, maxCost: 5_000, maxPageSize: 100 }),
  /**
   * Keys with the `bulk:read` scope: the portal's data step and open-data mirrors, which copy whole
   * datasets page by page (a page of 100 works with their history estimates 31,003). Same shape
   * limits as any key, a larger cost per request; the rate limit still counts every point.
   */
  bulk: profile({ maxDepth: 10, maxAliases: 15, maxDirectives: 10, maxTokens: 2_000, maxDocumentChars: 15_000, maxCost: 50_000, maxPageSize: 100 }),
});

/** The scope that gives a key the bulk profile. */
export const BULK_SCOPE = 'bulk:read';

/** Lists of introspection objects nested in one another: the standard query needs `types → fields → args`. */
export const MAX_INTROSPECTION_LIST_NESTING = 3;
/** What a connection returns without `first`: the subgraphs' DEFAULT_PAGE_SIZE. */
export const DEFAULT_CONNECTION_PAGE = 20;
/** What a plain list without a `first` argument is assumed to return. */
export const DEFAULT_LIST_SIZE = 10;

export const LimitCode = {
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  DOCUMENT_TOO_LARGE: 'DOCUMENT_TOO_LARGE',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  QUERY_TOO_COSTLY: 'QUERY_TOO_COSTLY',
} as const;
export type LimitCode = (typeof LimitCode)[keyof typeof LimitCode];

/** The codes of these refusals, for the server's error masking to let through. */
export const LIMIT_ERROR_CODES: ReadonlySet<string> = new Set<string>(Object.values(LimitCode));

export function profileFor(identity: { kind: 'anonymous' | 'official' | 'agency'; scopes?: readonly string[] }): LimitProfile {
  switch (identity.kind) {
    case 'official':
      return LIMITS.official;
    case 'agency':
      return identity.scopes?.includes(BULK_SCOPE) ? LIMITS.bulk : LIMITS.agency;
    default:
      // Anything unforeseen gets the strictest profile rather than none.
      return LIMITS.anonymous;
  }
}

/** Exponential fragment fan-out can make counts overflow to Infinity, which JSON would turn into null. */
const reported = (n: number) => (Number.isFinite(n) ? Math.min(Math.ceil(n), Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER);

function refusal(code: LimitCode, message: string, limit: number, actual: number, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit, actual: reported(actual), ...extra } });
}

/** Size and token count of the raw text, before anything parses it. A syntax error is not ours to report: null, and the parser says it. */
export function checkDocumentText(query: string, profile: LimitProfile): GraphQLError | null {
  if (query.length > profile.maxDocumentChars) {
    return refusal(LimitCode.DOCUMENT_TOO_LARGE, `The document is ${query.length} characters long; at most ${profile.maxDocumentChars} are allowed.`, profile.maxDocumentChars, query.length);
  }
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      tokens += 1;
      // Stop at the first token past the limit: the rest of the document is never read.
      if (tokens > profile.maxTokens) {
        return refusal(LimitCode.TOO_MANY_TOKENS, `The document has more than ${profile.maxTokens} tokens; at most ${profile.maxTokens} are allowed.`, profile.maxTokens, tokens);
      }
    }
  } catch (error) {
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  return null;
}

/** What a document asks for, by the measures the limits apply to. */
export interface DocumentMeasure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
  /** The largest `first` argument (variables resolved); 0 when there is none. */
  largestPage: number;
  /** Lists of introspection objects nested in one another. */
  introspectionLists: number;
  /** Whether an operation that may run is a mutation (writes are rate-limited apart). */
  mutation?: boolean;
}

const none = (): DocumentMeasure => ({ depth: 0, aliases: 0, directives: 0, cost: 0, largestPage: 0, introspectionLists: 0 });

/** Siblings: counts add up, the deepest and largest win. */
function addSibling(into: DocumentMeasure, m: DocumentMeasure): void {
  into.depth = Math.max(into.depth, m.depth);
  into.aliases += m.aliases;
  into.directives += m.directives;
  into.cost += m.cost;
  into.largestPage = Math.max(into.largestPage, m.largestPage);
  into.introspectionLists = Math.max(into.introspectionLists, m.introspectionLists);
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLNamedType | undefined, name: string): GraphQLField<unknown, unknown> | undefined {
  // Meta fields are not in getFields(); without them `__schema` would be an unknown field and its subtree untyped.
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent && parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  if (parent && (isObjectType(parent) || isInterfaceType(parent))) return parent.getFields()[name];
  return undefined;
}

function isConnection(type: GraphQLNamedType | undefined): boolean {
  if (!type || !isObjectType(type)) return false;
  const edges = type.getFields().edges;
  return edges !== undefined && isListType(getNullableType(edges.type));
}

/** The operations that will run: the named one, the only one, or (when that is ambiguous and the server will refuse anyway) all of them. */
function operationsToRun(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode[] {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const chosen = operationName ? operations.filter((o) => o.name?.value === operationName) : operations.length === 1 ? operations : [];
  return chosen.length ? chosen : operations;
}

function measureOperation(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  schema: GraphQLSchema,
  variables: Record<string, unknown> | undefined,
): DocumentMeasure {
  const variableDefaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) variableDefaults.set(definition.variable.name.value, valueFromASTUntyped(definition.defaultValue));
  }
  // Keyed by fragment and the page of the connection it is spread in: the only context its measure depends on.
  const memo = new Map<string, DocumentMeasure>();
  const expanding = new Set<string>();

  /** The `first` argument's value, or undefined when absent, null or not a number (coercion will refuse the latter later). */
  function firstArgument(node: FieldNode): number | undefined {
    const argument = node.arguments?.find((a) => a.name.value === 'first');
    if (!argument) return undefined;
    let value: unknown;
    if (argument.value.kind === Kind.VARIABLE) {
      const name = argument.value.name.value;
      value = variables && Object.hasOwn(variables, name) ? variables[name] : variableDefaults.get(name);
    } else value = valueFromASTUntyped(argument.value);
    return typeof value === 'number' && !Number.isNaN(value) ? value : undefined;
  }

  function pageOf(first: number | undefined, definition: GraphQLField<unknown, unknown> | undefined): number {
    const declared = definition?.args.find((a) => a.name === 'first')?.defaultValue;
    const page = first ?? (typeof declared === 'number' ? declared : DEFAULT_CONNECTION_PAGE);
    return Math.max(0, page);
  }

  function field(node: FieldNode, parent: GraphQLNamedType | undefined, page: number | undefined): DocumentMeasure {
    const definition = fieldDefinition(schema, parent, node.name.value);
    const type = definition?.type;
    const named = type ? getNamedType(type) : undefined;
    const list = type !== undefined && isListType(getNullableType(type));
    const introspective = parent !== undefined && isIntrospectionType(parent);
    const first = firstArgument(node);
    const childPage = !introspective && isConnection(named) ? pageOf(first, definition) : undefined;
    const child = node.selectionSet ? selections(node.selectionSet, named, childPage) : none();

    let multiplier = 1;
    if (list && !introspective) {
      if (definition?.args.some((a) => a.name === 'first')) multiplier = pageOf(first, definition);
      else multiplier = page ?? DEFAULT_LIST_SIZE;
    }
    // An unknown field (validation will refuse it) counts as an object: never cheaper than it may be.
    const own = introspective || named === undefined || isCompositeType(named) ? 1 : 0;
    return {
      depth: (introspective && node.name.value === 'ofType' ? 0 : 1) + child.depth,
      aliases: (node.alias ? 1 : 0) + child.aliases,
      directives: (node.directives?.length ?? 0) + child.directives,
      cost: own + multiplier * child.cost,
      largestPage: Math.max(first ?? 0, child.largestPage),
      introspectionLists: (list && named !== undefined && isIntrospectionType(named) && isObjectType(named) ? 1 : 0) + child.introspectionLists,
    };
  }

  function spread(name: string, parent: GraphQLNamedType | undefined, page: number | undefined): DocumentMeasure {
    const fragment = fragments.get(name);
    if (!fragment) return none();
    const type = schema.getType(fragment.typeCondition.name.value);
    const contextPage = type === parent ? page : undefined;
    const key = `${name}|${contextPage ?? ''}`;
    const known = memo.get(key);
    if (known) return known;
    if (expanding.has(name)) return none();
    expanding.add(name);
    const measure = selections(fragment.selectionSet, type, contextPage);
    measure.directives += fragment.directives?.length ?? 0;
    expanding.delete(name);
    memo.set(key, measure);
    return measure;
  }

  function selections(set: SelectionSetNode, parent: GraphQLNamedType | undefined, page: number | undefined): DocumentMeasure {
    const total = none();
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) addSibling(total, field(selection, parent, page));
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        addSibling(total, selections(selection.selectionSet, type, type === parent ? page : undefined));
        total.directives += selection.directives?.length ?? 0;
      } else {
        addSibling(total, spread(selection.name.value, parent, page));
        total.directives += selection.directives?.length ?? 0;
      }
    }
    return total;
  }

  const measure = selections(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined, undefined);
  measure.directives += (operation.directives?.length ?? 0) + (operation.variableDefinitions ?? []).reduce((n, d) => n + (d.directives?.length ?? 0), 0);
  return measure;
}

/** Measures the operation that will run (all of them when that is ambiguous: the worst of each measure). */
export function measureDocument(document: DocumentNode, schema: GraphQLSchema, variables: Record<string, unknown> | undefined, operationName: string | undefined): DocumentMeasure {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION && !fragments.has(d.name.value)) fragments.set(d.name.value, d);
  }
  const worst = none();
  for (const operation of operationsToRun(document, operationName)) {
    const m = measureOperation(operation, fragments, schema, variables);
    worst.depth = Math.max(worst.depth, m.depth);
    worst.aliases = Math.max(worst.aliases, m.aliases);
    worst.directives = Math.max(worst.directives, m.directives);
    worst.cost = Math.max(worst.cost, m.cost);
    worst.largestPage = Math.max(worst.largestPage, m.largestPage);
    worst.introspectionLists = Math.max(worst.introspectionLists, m.introspectionLists);
    if (operation.operation === 'mutation') worst.mutation = true;
  }
  return worst;
}

/** The parsed document against the caller's profile: the first limit broken, or null. Call it before validation and planning. */
export function checkDocument(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  profile: LimitProfile,
): GraphQLError | null {
  return checkMeasure(measureDocument(document, schema, variables, operationName), profile);
}

function checkMeasure(m: DocumentMeasure, profile: LimitProfile): GraphQLError | null {
  if (m.depth > profile.maxDepth) {
    return refusal(LimitCode.QUERY_TOO_DEEP, `The query nests fields ${reported(m.depth)} levels deep; at most ${profile.maxDepth} are allowed.`, profile.maxDepth, m.depth);
  }
  if (m.introspectionLists > MAX_INTROSPECTION_LIST_NESTING) {
    return refusal(
      LimitCode.QUERY_TOO_DEEP,
      `The query nests introspection lists ${reported(m.introspectionLists)} deep; at most ${MAX_INTROSPECTION_LIST_NESTING} (types, fields, args) are allowed.`,
      MAX_INTROSPECTION_LIST_NESTING, m.introspectionLists, { introspection: true },
    );
  }
  if (m.aliases > profile.maxAliases) {
    return refusal(LimitCode.TOO_MANY_ALIASES, `The query uses ${reported(m.aliases)} aliases; at most ${profile.maxAliases} are allowed.`, profile.maxAliases, m.aliases);
  }
  if (m.directives > profile.maxDirectives) {
    return refusal(LimitCode.TOO_MANY_DIRECTIVES, `The query uses ${reported(m.directives)} directives; at most ${profile.maxDirectives} are allowed.`, profile.maxDirectives, m.directives);
  }
  if (m.largestPage > profile.maxPageSize) {
    return refusal(LimitCode.PAGE_SIZE_EXCEEDED, `A page of ${reported(m.largestPage)} items was asked for (first); at most ${profile.maxPageSize} are allowed.`, profile.maxPageSize, m.largestPage, { argument: 'first' });
  }
  if (m.cost > profile.maxCost) {
    return refusal(
      LimitCode.QUERY_TOO_COSTLY,
      `The query's estimated cost is ${reported(m.cost)}; at most ${profile.maxCost} is allowed. Ask for smaller pages or fewer nested lists.`,
      profile.maxCost, m.cost, { cost: reported(m.cost), maxCost: profile.maxCost },
    );
  }
  return null;
}

/** What the gateway needs to know of one request before running it. */
export interface RequestAssessment {
  /** The first limit broken, or null. */
  error: GraphQLError | null;
  /** Estimated cost in points (0 when there is nothing to measure); what the rate limit charges. */
  cost: number;
  mutation: boolean;
  /** The parsed document (shared from the parse cache: never to be changed), when the text parsed. */
  document?: DocumentNode;
}

// Parsed documents by text: clients repeat the same few queries, and parsing is most of a check's time.
const parsed = new Map<string, DocumentNode | null>();
const PARSE_CACHE_SIZE = 1_000;
function parseCached(query: string): DocumentNode | null {
  let document = parsed.get(query);
  if (document === undefined) {
    try {
      document = parse(query);
    } catch {
      document = null;
    }
    if (parsed.size >= PARSE_CACHE_SIZE) parsed.delete(parsed.keys().next().value!);
    parsed.set(query, document);
  }
  return document;
}

/**
 * A GraphQL-over-HTTP payload (`req.body` of a POST, `req.query` of a GET) against the caller's
 * profile: text, then parsed document. No error when there is no query text (an APQ hash) or it
 * does not parse: Apollo Server answers those itself, and limitsPlugin checks whatever document it
 * ends up running.
 */
export function assessRequest(payload: unknown, schema: GraphQLSchema, profile: LimitProfile): RequestAssessment {
  const nothing: RequestAssessment = { error: null, cost: 0, mutation: false };
  if (typeof payload !== 'object' || payload === null) return nothing;
  const { query, variables, operationName } = payload as Record<string, unknown>;
  if (typeof query !== 'string') return nothing;
  const textError = checkDocumentText(query, profile);
  if (textError) return { ...nothing, error: textError };
  // Not ours to report: Apollo Server parses it again and answers GRAPHQL_PARSE_FAILED.
  const document = parseCached(query);
  if (!document) return nothing;
  const name = typeof operationName === 'string' ? operationName : undefined;
  const vars = variablesOf(variables);
  const measure = measureDocument(document, schema, vars, name);
  return { error: checkMeasure(measure, profile), cost: reported(measure.cost), mutation: measure.mutation === true, document };
}

/** assessRequest's verdict alone. */
export function checkRequest(payload: unknown, schema: GraphQLSchema, profile: LimitProfile): GraphQLError | null {
  return assessRequest(payload, schema, profile).error;
}

/** GET requests carry variables as JSON text; anything unreadable counts as none (defaults apply, errors come later). */
function variablesOf(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      return variablesOf(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The same limits inside Apollo Server, after it has resolved the document and before the gateway
 * plans it: this covers documents the HTTP pre-check never saw as text (automatic persisted
 * queries sent by hash, registered earlier by a caller with a larger profile).
 */
export function limitsPlugin<TContext extends BaseContext>(
  profileOf: (context: TContext) => LimitProfile,
  measuredBefore: (context: TContext, source: string) => boolean = () => false,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, document, schema, request, contextValue }) {
          if (measuredBefore(contextValue, source)) return; // the HTTP pre-check measured this very text
          const profile = profileOf(contextValue);
          const error = checkDocumentText(source, profile) ?? checkDocument(document, schema, request.variables, request.operationName ?? undefined, profile);
          // Apollo Server answers a plugin's error with 500 unless told otherwise; it strips `http` before formatting.
          if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
