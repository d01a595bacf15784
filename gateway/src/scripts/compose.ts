/** Writes gateway/supergraph.graphql from the committed subgraph SDLs. */
import { writeFileSync } from 'node:fs';
import { composeSupergraph } from '../compose.js';
import { SUPERGRAPH_PATH } from '../subgraphs.js';

writeFileSync(SUPERGRAPH_PATH, composeSupergraph());
process.stdout.write(`wrote ${SUPERGRAPH_PATH}\n`);
