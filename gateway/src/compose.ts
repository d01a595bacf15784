/**
 * Composes the committed subgraph SDLs into supergraphs (build time; never at run time): the full
 * one, and the public one without anything tagged `@tag(name: "private")` (and without whatever
 * only led there), so that the anonymous API has no field path to personal data at all.
 */
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { type DocumentNode, Kind, type TypeNode, parse, print } from 'graphql';
import { type ApiVariant, SUBGRAPHS } from './subgraphs.js';

const isPrivate = (node: { directives?: readonly { name: { value: string }; arguments?: readonly any[] }[] }) =>
  (node.directives ?? []).some((d) => d.name.value === 'tag' && d.arguments?.some((a) => a.name.value === 'name' && a.value.value === 'private'));

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/** Removes private types and fields, then every field that returned a removed type, until nothing changes. */
export function withoutPrivate(document: DocumentNode): DocumentNode {
  const removed = new Set<string>();
  let definitions = [...document.definitions];
  for (;;) {
    const before = removed.size;
    let changed = false;
    definitions = definitions.flatMap((def) => {
      if ((def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) && isPrivate(def)) {
        removed.add(def.name.value);
        changed = true;
        return [];
      }
      if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) {
        const fields = (def.fields ?? []).filter((f) => !isPrivate(f) && !removed.has(namedType(f.type)));
        if (fields.length !== (def.fields ?? []).length) {
          changed = true;
          if (fields.length === 0) {
            removed.add(def.name.value);
            return [];
          }
          return [{ ...def, fields }];
        }
      }
      return [def];
    });
    if (!changed && removed.size === before) break;
  }
  return { ...document, definitions };
}

export function composeSupergraph(
  variant: ApiVariant = 'full',
  sdls: Record<string, string> = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, readFileSync(s.schemaPath, 'utf8')])),
): string {
  const services = Object.entries(sdls).map(([name, sdl]) => {
    const document = parse(sdl);
    return {
      name,
      url: SUBGRAPHS.find((s) => s.name === name)?.defaultUrl ?? `http://127.0.0.1/${name}/graphql`,
      typeDefs: variant === 'public' ? parse(print(withoutPrivate(document))) : document,
    };
  });
  const result = composeServices(services);
  if (result.errors?.length || !result.supergraphSdl) {
    throw new Error(`The subgraphs do not compose (${variant}):\n${(result.errors ?? []).map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}
