/**
 * An independent check of a DCAT-AP 3.0 JSON-LD document against the profile's mandatory properties, for
 * tests. Written from the specification, not from the portal's generator, so that a mistake in one is not
 * silently repeated in the other.
 *
 * Source: DCAT-AP 3.0.0 (SEMIC, 2024; unchanged on these points in 3.0.1), the minCount constraints of its
 * SHACL shapes (releases/3.0.0/shacl/dcat-ap-SHACL.ttl) and the "Mandatory" properties of its classes:
 *   Catalogue      dct:title, dct:description, dct:publisher (exactly one)
 *   Dataset        dct:title, dct:description
 *   Distribution   dcat:accessURL
 *   Agent          foaf:name
 *   Checksum       spdx:algorithm, spdx:checksumValue (exactly one each; the value lower-case hex)
 *   Concept        skos:prefLabel
 *   Concept Scheme dct:title
 *   Identifier     skos:notation
 *   Licence Document has no mandatory property in 3.0 (dct:type is recommended), but dct:license must
 *   point to a resource, not hold a text, and so must the URL properties.
 * dcat:dataset is no longer mandatory for a Catalogue in 3.0 (0..n); the specification's usage note asks
 * for an empty-catalogue check instead, which is reported here too.
 *
 * The JSON-LD may use a top-level @graph or nested objects, @id references between them, prefixed names
 * (resolved through the document's @context) or full IRIs. Remote contexts are not fetched: a document
 * that relies on one shows up with its properties missing rather than passing by accident.
 */

const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  spdx: 'http://spdx.org/rdf/terms#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  adms: 'http://www.w3.org/ns/adms#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
} as const;

type Term = { kind: 'iri'; iri: string } | { kind: 'literal'; value: string; datatype?: string; language?: string };

interface GraphNode {
  id: string;
  types: Set<string>;
  props: Map<string, Term[]>;
}

interface Context {
  /** Term or prefix → IRI. */
  terms: Map<string, string>;
  /** Terms declared with "@type": "@id", whose string values are IRIs. */
  iriValued: Set<string>;
  vocab?: string;
  base?: string;
}

export function missingMandatory(doc: unknown): string[] {
  const graph = new Graph();
  const roots = Array.isArray(doc) ? doc : [doc];
  for (const root of roots) graph.walkTop(root, { terms: new Map(), iriValued: new Set() });
  return checkProfile(graph);
}

class Graph {
  readonly nodes = new Map<string, GraphNode>();
  private blank = 0;

  walkTop(value: unknown, ctx: Context): void {
    if (!isObject(value)) return;
    const local = withContext(ctx, value['@context']);
    const keys = Object.keys(value).filter((k) => k !== '@context');
    // A top-level object holding only @graph (and @context) is a container, not a node.
    if ('@graph' in value && keys.every((k) => k === '@graph' || k === '@id')) {
      for (const item of asArray(value['@graph'])) this.walkNode(item, local);
      return;
    }
    this.walkNode(value, local);
  }

  /** Registers a node object and everything nested in it; returns its id. */
  walkNode(value: unknown, parentCtx: Context): string | undefined {
    if (!isObject(value)) return undefined;
    const ctx = withContext(parentCtx, value['@context']);
    const rawId = value['@id'];
    const id = typeof rawId === 'string' ? expandIri(rawId, ctx, false) : `_:checker${this.blank++}`;
    const node = this.node(id);
    for (const t of asArray(value['@type'])) {
      if (typeof t === 'string') node.types.add(expandIri(t, ctx, true));
    }
    for (const [key, raw] of Object.entries(value)) {
      if (key === '@graph') {
        for (const item of asArray(raw)) this.walkNode(item, ctx);
        continue;
      }
      if (key.startsWith('@')) continue;
      const property = expandIri(key, ctx, true);
      const terms = node.props.get(property) ?? [];
      for (const v of asArray(raw)) {
        const term = this.term(v, ctx, ctx.iriValued.has(key));
        if (term !== undefined) terms.push(term);
      }
      node.props.set(property, terms);
    }
    return id;
  }

  private term(v: unknown, ctx: Context, iriValued: boolean): Term | undefined {
    if (typeof v === 'string') return iriValued ? { kind: 'iri', iri: expandIri(v, ctx, false) } : { kind: 'literal', value: v };
    if (typeof v === 'number' || typeof v === 'boolean') return { kind: 'literal', value: String(v) };
    if (!isObject(v)) return undefined;
    if ('@value' in v) {
      const datatype = typeof v['@type'] === 'string' ? expandIri(v['@type'], ctx, true) : undefined;
      const language = typeof v['@language'] === 'string' ? v['@language'] : undefined;
      return { kind: 'literal', value: String(v['@value']), ...(datatype ? { datatype } : {}), ...(language ? { language } : {}) };
    }
    if ('@list' in v || '@set' in v) {
      // Lists are rare in DCAT; treat their first member as the value, which is enough to test presence.
      const first = asArray(v['@list'] ?? v['@set'])[0];
      return first === undefined ? undefined : this.term(first, ctx, iriValued);
    }
    const id = this.walkNode(v, ctx);
    return id === undefined ? undefined : { kind: 'iri', iri: id };
  }

  private node(id: string): GraphNode {
    let node = this.nodes.get(id);
    if (node === undefined) {
      node = { id, types: new Set(), props: new Map() };
      this.nodes.set(id, node);
    }
    return node;
  }
}

function withContext(parent: Context, raw: unknown): Context {
  if (raw === undefined) return parent;
  const ctx: Context = { terms: new Map(parent.terms), iriValued: new Set(parent.iriValued), vocab: parent.vocab, base: parent.base };
  for (const item of asArray(raw)) {
    if (item === null) {
      ctx.terms.clear();
      ctx.iriValued.clear();
      continue;
    }
    if (!isObject(item)) continue; // a remote context: not fetched
    for (const [key, def] of Object.entries(item)) {
      if (key === '@vocab' && typeof def === 'string') ctx.vocab = def;
      else if (key === '@base' && typeof def === 'string') ctx.base = def;
      else if (key.startsWith('@')) continue;
      else if (typeof def === 'string') ctx.terms.set(key, def);
      else if (isObject(def)) {
        if (typeof def['@id'] === 'string') ctx.terms.set(key, def['@id']);
        if (def['@type'] === '@id' || def['@type'] === '@vocab') ctx.iriValued.add(key);
      }
    }
  }
  // Resolve term definitions that are themselves prefixed names ("title": "dct:title").
  for (const [key, value] of ctx.terms) ctx.terms.set(key, expandWith(value, ctx.terms, 0));
  return ctx;
}

function expandWith(value: string, terms: Map<string, string>, depth: number): string {
  if (depth > 5) return value;
  const colon = value.indexOf(':');
  if (colon > 0 && !value.slice(colon + 1).startsWith('//')) {
    const prefix = terms.get(value.slice(0, colon));
    if (prefix !== undefined) return expandWith(prefix, terms, depth + 1) + value.slice(colon + 1);
  }
  return value;
}

/** @param vocabRelative keys and types resolve bare terms against the context; @id values do not. */
function expandIri(value: string, ctx: Context, vocabRelative: boolean): string {
  if (value.startsWith('_:')) return value;
  if (vocabRelative && ctx.terms.has(value)) return ctx.terms.get(value)!;
  const expanded = expandWith(value, ctx.terms, 0);
  if (expanded !== value || /^[a-z][a-z0-9+.-]*:/i.test(value)) return expanded;
  if (vocabRelative && ctx.vocab !== undefined) return ctx.vocab + value;
  if (!vocabRelative && ctx.base !== undefined) return new URL(value, ctx.base).href;
  return value;
}

function checkProfile(graph: Graph): string[] {
  const problems: string[] = [];
  const nodes = [...graph.nodes.values()];
  const get = (id: string): GraphNode => graph.nodes.get(id) ?? { id, types: new Set(), props: new Map() };

  /** Nodes of a class: typed so, or the value of a property whose range is that class. */
  const ofClass = (classes: string[], viaProperties: string[]): GraphNode[] => {
    const ids = new Set<string>();
    for (const n of nodes) {
      if (classes.some((c) => n.types.has(c))) ids.add(n.id);
      for (const p of viaProperties) for (const t of n.props.get(p) ?? []) if (t.kind === 'iri') ids.add(t.iri);
    }
    return [...ids].map(get);
  };
  const values = (n: GraphNode, p: string): Term[] => n.props.get(p) ?? [];
  const hasText = (n: GraphNode, p: string): boolean => values(n, p).some((t) => t.kind === 'literal' && t.value.trim() !== '');
  const label = (n: GraphNode): string => (n.id.startsWith('_:') ? '(blank node)' : `<${n.id}>`);
  const short = (iri: string): string => {
    for (const [prefix, ns] of Object.entries(NS)) if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
    return iri;
  };
  const requireText = (cls: string, n: GraphNode, p: string): void => {
    if (!hasText(n, p)) problems.push(`${cls} ${label(n)}: ${short(p)} missing`);
  };
  const requireExactlyOne = (cls: string, n: GraphNode, p: string): void => {
    const count = values(n, p).length;
    if (count === 0) problems.push(`${cls} ${label(n)}: ${short(p)} missing`);
    else if (count > 1) problems.push(`${cls} ${label(n)}: ${short(p)} must have exactly one value, has ${count}`);
  };
  const requireResources = (cls: string, n: GraphNode, p: string): void => {
    for (const t of values(n, p)) {
      if (t.kind !== 'iri') problems.push(`${cls} ${label(n)}: ${short(p)} must be a resource (IRI), not the text ${JSON.stringify(t.value)}`);
    }
  };

  const catalogues = ofClass([`${NS.dcat}Catalog`], []);
  if (catalogues.length === 0) problems.push('No dcat:Catalog in the document');
  for (const n of catalogues) {
    requireText('Catalogue', n, `${NS.dct}title`);
    requireText('Catalogue', n, `${NS.dct}description`);
    requireExactlyOne('Catalogue', n, `${NS.dct}publisher`);
    requireResources('Catalogue', n, `${NS.dct}license`);
    requireResources('Catalogue', n, `${NS.foaf}homepage`);
    if (values(n, `${NS.dcat}dataset`).length === 0 && values(n, `${NS.dcat}service`).length === 0) {
      problems.push(`Catalogue ${label(n)}: neither dcat:dataset nor dcat:service (empty catalogue)`);
    }
  }
  for (const n of ofClass([`${NS.dcat}Dataset`], [`${NS.dcat}dataset`])) {
    requireText('Dataset', n, `${NS.dct}title`);
    requireText('Dataset', n, `${NS.dct}description`);
    requireResources('Dataset', n, `${NS.dcat}landingPage`);
  }
  for (const n of ofClass([`${NS.dcat}Distribution`], [`${NS.dcat}distribution`])) {
    if (values(n, `${NS.dcat}accessURL`).length === 0) problems.push(`Distribution ${label(n)}: dcat:accessURL missing`);
    requireResources('Distribution', n, `${NS.dcat}accessURL`);
    requireResources('Distribution', n, `${NS.dcat}downloadURL`);
    requireResources('Distribution', n, `${NS.dct}license`);
  }
  const agentClasses = ['Agent', 'Organization', 'Person'].map((c) => `${NS.foaf}${c}`);
  for (const n of ofClass(agentClasses, [`${NS.dct}publisher`, `${NS.dct}creator`])) {
    requireText('Agent', n, `${NS.foaf}name`);
  }
  for (const n of ofClass([`${NS.spdx}Checksum`], [`${NS.spdx}checksum`])) {
    requireExactlyOne('Checksum', n, `${NS.spdx}algorithm`);
    requireResources('Checksum', n, `${NS.spdx}algorithm`);
    requireExactlyOne('Checksum', n, `${NS.spdx}checksumValue`);
    for (const t of values(n, `${NS.spdx}checksumValue`)) {
      if (t.kind !== 'literal' || !/^[0-9a-f]+$/.test(t.value)) {
        problems.push(`Checksum ${label(n)}: spdx:checksumValue must be lower-case hexadecimal`);
      }
    }
  }
  for (const n of ofClass([`${NS.skos}Concept`], [])) requireText('Concept', n, `${NS.skos}prefLabel`);
  for (const n of ofClass([`${NS.skos}ConceptScheme`], [])) requireText('Concept Scheme', n, `${NS.dct}title`);
  for (const n of ofClass([`${NS.adms}Identifier`], [`${NS.adms}identifier`])) requireText('Identifier', n, `${NS.skos}notation`);
  return problems;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
