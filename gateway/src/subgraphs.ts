/** The subgraphs the gateway composes: name, where its committed SDL is, and its default URL. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Officials get the full API; everyone else the public one, which has no path to personal data. */
export type ApiVariant = 'full' | 'public';
export const SUPERGRAPH_PATHS: Record<ApiVariant, string> = {
  full: path.join(REPO_ROOT, 'gateway/supergraph.graphql'),
  public: path.join(REPO_ROOT, 'gateway/supergraph.public.graphql'),
};

export interface SubgraphInfo {
  name: string;
  schemaPath: string;
  /** URL written into the supergraph; the running gateway uses its configured URL instead. */
  defaultUrl: string;
}

export const SUBGRAPHS: SubgraphInfo[] = [
  { name: 'works', schemaPath: path.join(REPO_ROOT, 'services/works/schema.graphql'), defaultUrl: 'http://127.0.0.1:4001/graphql' },
  { name: 'participation', schemaPath: path.join(REPO_ROOT, 'services/participation/schema.graphql'), defaultUrl: 'http://127.0.0.1:4002/graphql' },
  { name: 'budget', schemaPath: path.join(REPO_ROOT, 'services/budget/schema.graphql'), defaultUrl: 'http://127.0.0.1:4003/graphql' },
];
