/** The subgraphs the gateway composes: name, where its committed SDL is, and its default URL. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SUPERGRAPH_PATH = path.join(REPO_ROOT, 'gateway/supergraph.graphql');

export interface SubgraphInfo {
  name: string;
  schemaPath: string;
  /** URL written into the supergraph; the running gateway uses its configured URL instead. */
  defaultUrl: string;
}

export const SUBGRAPHS: SubgraphInfo[] = [
  { name: 'works', schemaPath: path.join(REPO_ROOT, 'services/works/schema.graphql'), defaultUrl: 'http://127.0.0.1:4001/graphql' },
];
