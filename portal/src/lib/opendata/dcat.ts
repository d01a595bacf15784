/**
 * The portal's catalogue in DCAT-AP 3.0 (JSON-LD), for European-style harvesters and any RDF consumer.
 *
 * One document: a @context of prefixes and a @graph holding the Catalogue (with its Datasets, their
 * Distributions and Checksums nested inside) plus the nodes several of them share, described once and
 * referenced by IRI: the publisher Agent, the Location, the Licence Document, the theme scheme and themes.
 *
 * It carries every property DCAT-AP 3.0 makes mandatory for the classes used (Catalogue: dct:title,
 * dct:description, dct:publisher; Dataset: dct:title, dct:description; Distribution: dcat:accessURL; Agent:
 * foaf:name; Checksum: spdx:algorithm, spdx:checksumValue; Concept: skos:prefLabel; Concept Scheme:
 * dct:title) and the recommended ones the portal knows.
 */

import type { CatalogEntry, CatalogMeta, Distribution, DistributionFormat } from './types.ts';
import {
  catalogIri,
  datasetIri,
  datasetPageUrl,
  distributionIri,
  fileUrl,
  publisherIri,
  spatialIri,
} from './urls.ts';
import {
  AVAILABILITY_STABLE,
  dataTheme,
  DCAT_PREFIXES,
  EU_DATA_THEME_SCHEME,
  EU_LANGUAGE_SPANISH,
  fileTypeIri,
  FORMAT_LABEL,
  frequencyIri,
  ianaMediaTypeIri,
  isDateOnly,
  PUBLISHER_TYPE_LOCAL_AUTHORITY,
  RDF_LANGUAGE,
  STANDARD,
} from './vocab.ts';

type Node = Record<string, unknown>;

export function dcatCatalog(meta: CatalogMeta, entries: CatalogEntry[]): Record<string, unknown> {
  const themeCodes = [...new Set(entries.map((e) => e.dataset.theme))].sort();
  const catalog: Node = {
    '@id': catalogIri(meta),
    '@type': 'dcat:Catalog',
    'dct:title': text(meta.title),
    'dct:description': text(meta.description),
    'dct:publisher': ref(publisherIri(meta)),
    'foaf:homepage': ref(meta.baseUrl),
    'dct:language': ref(EU_LANGUAGE_SPANISH),
    'dct:license': ref(meta.licence.url),
    ...(meta.issued === undefined ? {} : { 'dct:issued': temporal(meta.issued) }),
    'dct:modified': temporal(meta.generatedAt),
    'dct:spatial': ref(spatialIri(meta)),
    'dcat:themeTaxonomy': ref(EU_DATA_THEME_SCHEME),
    'dcat:dataset': entries.map((entry) => datasetNode(meta, entry)),
  };
  return {
    '@context': { ...DCAT_PREFIXES },
    '@graph': [
      catalog,
      publisherNode(meta),
      {
        '@id': spatialIri(meta),
        '@type': 'dct:Location',
        'locn:geographicName': text(meta.spatial.name),
        'dct:identifier': meta.spatial.ubigeo,
      },
      {
        '@id': meta.licence.url,
        '@type': 'dct:LicenseDocument',
        'dct:title': text(meta.licence.title),
        'dct:identifier': meta.licence.id,
      },
      {
        '@id': EU_DATA_THEME_SCHEME,
        '@type': 'skos:ConceptScheme',
        'dct:title': { '@value': 'Data theme', '@language': 'en' },
      },
      ...themeCodes.map((code) => {
        const theme = dataTheme(code);
        return {
          '@id': theme.iri,
          '@type': 'skos:Concept',
          'skos:prefLabel': text(theme.label),
          'skos:inScheme': ref(EU_DATA_THEME_SCHEME),
        };
      }),
    ],
  };
}

function publisherNode(meta: CatalogMeta): Node {
  return {
    '@id': publisherIri(meta),
    // foaf:Agent is the class DCAT-AP constrains; foaf:Organization says what kind of agent it is.
    '@type': ['foaf:Agent', 'foaf:Organization'],
    'foaf:name': text(meta.publisher.name),
    'dct:type': ref(PUBLISHER_TYPE_LOCAL_AUTHORITY),
    'foaf:homepage': ref(meta.publisher.url),
    'foaf:mbox': ref(`mailto:${meta.publisher.email}`),
  };
}

function datasetNode(meta: CatalogMeta, entry: CatalogEntry): Node {
  const { dataset } = entry;
  const csvw = entry.distributions.find((d) => d.format === 'CSVW');
  return {
    '@id': datasetIri(meta, dataset.id),
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.id,
    'dct:title': text(dataset.title),
    'dct:description': text(dataset.description),
    'dcat:keyword': dataset.keywords.map(text),
    'dcat:theme': ref(dataTheme(dataset.theme).iri),
    'dct:publisher': ref(publisherIri(meta)),
    'dcat:contactPoint': {
      '@type': 'vcard:Organization',
      'vcard:fn': text(meta.publisher.name),
      'vcard:hasEmail': ref(`mailto:${meta.publisher.email}`),
      'vcard:hasURL': ref(meta.publisher.url),
    },
    ...(dataset.issued === undefined ? {} : { 'dct:issued': temporal(dataset.issued) }),
    'dct:modified': temporal(entry.modified),
    'dct:accrualPeriodicity': ref(frequencyIri(dataset.frequency)),
    'dct:language': ref(EU_LANGUAGE_SPANISH),
    'dct:spatial': ref(spatialIri(meta)),
    'dcat:landingPage': ref(datasetPageUrl(meta, dataset.id)),
    'dcat:distribution': entry.distributions.map((d) =>
      distributionNode(meta, entry, d, csvw === undefined ? undefined : fileUrl(meta, csvw.fileName)),
    ),
  };
}

function distributionNode(meta: CatalogMeta, entry: CatalogEntry, d: Distribution, csvwUrl: string | undefined): Node {
  const url = fileUrl(meta, d.fileName);
  const conformsTo = standardsOf(d.format, csvwUrl);
  return {
    '@id': distributionIri(meta, entry.dataset.id, d.fileName),
    '@type': 'dcat:Distribution',
    'dct:title': text(`${entry.dataset.title} (${distributionLabel(d.format)})`),
    'dct:description': text(distributionDescription(d, entry)),
    // A plain file: the download URL is also the way to access it (DCAT-AP asks for accessURL either way).
    'dcat:accessURL': ref(url),
    'dcat:downloadURL': ref(url),
    'dct:format': ref(fileTypeIri(d.format)),
    'dcat:mediaType': ref(ianaMediaTypeIri(d.mediaType)),
    'dcat:byteSize': { '@value': String(d.byteSize), '@type': 'xsd:nonNegativeInteger' },
    'spdx:checksum': {
      '@type': 'spdx:Checksum',
      'spdx:algorithm': ref('spdx:checksumAlgorithm_sha256'),
      'spdx:checksumValue': { '@value': d.sha256.toLowerCase(), '@type': 'xsd:hexBinary' },
    },
    'dct:license': ref(meta.licence.url),
    // Each export rewrites the file, so the file in hand was issued when the export ran.
    'dct:issued': temporal(entry.modified),
    'dct:modified': temporal(entry.modified),
    ...(conformsTo.length === 0 ? {} : { 'dct:conformsTo': conformsTo.map(ref) }),
    'dcatap:availability': ref(AVAILABILITY_STABLE),
  };
}

/** The CSV's schema is its CSVW data dictionary; the other formats name their specification. */
function standardsOf(format: DistributionFormat, csvwUrl: string | undefined): string[] {
  switch (format) {
    case 'CSV':
      return csvwUrl === undefined ? [STANDARD.csv] : [STANDARD.csv, csvwUrl];
    case 'GeoJSON':
      return [STANDARD.geojson];
    case 'OC4IDS':
      return [STANDARD.oc4ids];
    case 'CSVW':
      return [STANDARD.csvw];
    case 'JSON':
      return [];
  }
}

export function distributionLabel(format: DistributionFormat): string {
  return format === 'CSVW' ? 'diccionario de datos CSVW' : FORMAT_LABEL[format];
}

/** A Spanish sentence telling what the file holds. */
export function distributionDescription(d: Distribution, entry: CatalogEntry): string {
  const rows = d.rowCount ?? entry.rowCount;
  switch (d.format) {
    case 'CSV':
      return `Tabla CSV (UTF-8, separada por comas, con una fila de encabezados) de ${rows} ${plural(rows, 'fila', 'filas')}.`;
    case 'JSON':
      return `Registros en JSON: ${rows} ${plural(rows, 'registro', 'registros')}.`;
    case 'GeoJSON':
      return `Colección de entidades GeoJSON (WGS 84): ${rows} ${plural(rows, 'entidad', 'entidades')}.`;
    case 'OC4IDS':
      return `Paquete de proyectos en el estándar OC4IDS 0.9: ${rows} ${plural(rows, 'proyecto', 'proyectos')}.`;
    case 'CSVW':
      return 'Diccionario de datos del archivo CSV según CSV on the Web (W3C): columnas, tipos de dato, unidades y descripciones.';
  }
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function text(value: string): Node {
  return { '@value': value, '@language': RDF_LANGUAGE };
}

function ref(iri: string): Node {
  return { '@id': iri };
}

function temporal(value: string): Node {
  return { '@value': value, '@type': isDateOnly(value) ? 'xsd:date' : 'xsd:dateTime' };
}
