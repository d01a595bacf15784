/**
 * Builds an Apollo Federation 2 subgraph schema from type-graphql classes: type-graphql builds the
 * schema, which is printed with its directives (so `@key` survives), prefixed with the federation
 * `@link`, and handed to @apollo/subgraph together with type-graphql's resolvers and the
 * reference resolvers of the entities. Every Mutation field runs in an AuditScope (audit.ts), so
 * that the write it makes records its one audit row with the mutation's name and caller.
 */
import { type GraphQLResolverMap, buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { auditedMutation } from './audit.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@tag", "@inaccessible"])';

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph SDL, as committed in the service's schema.graphql. */
  sdl: string;
}

/**
 * type-graphql insists on a PubSub once a schema has subscriptions, even when every subscription
 * brings its own `subscribe` (ours subscribe through ctx.events, and publish with publishEvent
 * inside the writing transaction). This one refuses to be used, so nobody bypasses that path.
 */
const NO_PUBSUB: NonNullable<BuildSchemaOptions['pubSub']> = {
  publish: () => {
    throw new Error('Publish events with publishEvent inside the writing transaction, not through type-graphql.');
  },
  subscribe: () => {
    throw new Error('Subscriptions subscribe through ctx.events (the `subscribe` option), not type-graphql topics.');
  },
};

export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: Record<string, { __resolveReference: (ref: any, context: any, info: any) => unknown }> = {},
): Promise<FederatedSchema> {
  const typeGraphQLSchema = await buildSchema({ pubSub: NO_PUBSUB, ...options, skipCheck: true, validate: false });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphQLSchema)}\n`;
  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<any>;
  const mutation = typeGraphQLSchema.getMutationType();
  const mutationResolvers = mutation ? (resolvers[mutation.name] as Record<string, unknown> | undefined) : undefined;
  for (const [field, resolve] of Object.entries(mutationResolvers ?? {})) {
    if (typeof resolve === 'function') mutationResolvers![field] = auditedMutation(field, resolve as any);
  }
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as any;
  }
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]);
  return { schema, sdl };
}
