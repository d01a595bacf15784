/** Writes gateway/supergraph.graphql (officials) and supergraph.public.graphql (everyone else). */
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../compose.js';
import { type ApiVariant, SUPERGRAPH_PATHS } from '../subgraphs.js';

for (const variant of ['full', 'public'] as ApiVariant[]) {
  writeFileSync(SUPERGRAPH_PATHS[variant], composeSupergraph(variant));
  process.stdout.write(`wrote ${SUPERGRAPH_PATHS[variant]}\n`);
}
