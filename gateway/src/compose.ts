/** Composes the committed subgraph SDLs into the supergraph (build time; never at run time). */
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPHS } from './subgraphs.js';

export function composeSupergraph(sdls: Record<string, string> = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, readFileSync(s.schemaPath, 'utf8')]))): string {
  const result = composeServices(
    SUBGRAPHS.map((s) => ({ name: s.name, url: s.defaultUrl, typeDefs: parse(sdls[s.name] ?? '') })),
  );
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`The subgraphs do not compose:\n${(result.errors ?? []).map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
