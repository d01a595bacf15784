/**
 * Relay-style connections. Cursors are opaque (base64url of the row's offset in the stable order
 * of the query); the page size is bounded so no single request can ask for everything.
 */
import 'reflect-metadata';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { InputProblems } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page sits in the whole list.' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'Whether there are rows after this page.' })
  hasNextPage!: boolean;
  @Field({ description: 'Whether there are rows before this page.' })
  hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Cursor of the first row of this page.' })
  startCursor!: string | null;
  @Field(() => String, { nullable: true, description: 'Cursor of the last row; pass it as `after` for the next page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` })
  first?: number;
  @Field(() => String, { nullable: true, description: 'Return the rows after this cursor.' })
  after?: string;
}

export interface Page {
  limit: number;
  offset: number;
}

const PREFIX = 'o:';
export const encodeCursor = (offset: number) => Buffer.from(`${PREFIX}${offset}`).toString('base64url');

/** Validates `first`/`after` into a limit and an offset; problems are added to `problems`. */
export function toPage(args: PageArgs, problems: InputProblems): Page {
  const limit = args.first ?? DEFAULT_PAGE_SIZE;
  problems.check(Number.isInteger(limit) && limit >= 1 && limit <= MAX_PAGE_SIZE, 'first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  let offset = 0;
  if (args.after !== undefined && args.after !== null) {
    const decoded = Buffer.from(args.after, 'base64url').toString('utf8');
    const n = decoded.startsWith(PREFIX) ? Number(decoded.slice(PREFIX.length)) : Number.NaN;
    if (Number.isInteger(n) && n >= 0) offset = n + 1;
    else problems.add('after', 'is not a cursor returned by this list');
  }
  return { limit, offset };
}

/** toPage, refusing bad arguments at once (BAD_USER_INPUT). */
export function pageOrThrow(args: PageArgs): Page {
  const problems = new InputProblems();
  const page = toPage(args, problems);
  problems.throwIfAny();
  return page;
}

/**
 * Whether the query asks for `field` right under the field being resolved (through fragments).
 * A connection's totalCount costs a count of the whole list, which is skipped when nobody asks:
 * at a million works it was most of the time of every page.
 */
export function selects(info: GraphQLResolveInfo, field: string): boolean {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === field;
      if (s.kind === Kind.INLINE_FRAGMENT) return walk(s.selectionSet);
      if (seen.has(s.name.value)) return false;
      seen.add(s.name.value);
      return walk(info.fragments[s.name.value]?.selectionSet);
    });
  return info.fieldNodes.some((node) => walk(node.selectionSet));
}

export interface ConnectionShape<T> {
  /** Null only when the query did not ask for it (see `selects`). */
  totalCount: number | null;
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
}

/** The page as a connection; without the total (not asked for), `hasNextPage` comes from reading one row past the page. */
export function toConnection<T>(nodes: T[], totalCount: number | null, page: Page, hasNextPage?: boolean): ConnectionShape<T> {
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(page.offset + i), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: hasNextPage ?? (totalCount !== null && page.offset + nodes.length < totalCount),
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
