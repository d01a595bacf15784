/**
 * The shared vocabulary of the open-data files: the IRIs and codes that the DCAT-AP catalogue, data.json,
 * schema.org markup and CSVW metadata must agree on (EU controlled vocabularies, IANA media types, the
 * standards the files conform to), and the few value mappings between them.
 */

import type { DistributionFormat, Frequency } from './types.ts';

/** JSON-LD prefixes of the DCAT-AP catalogue (DCAT-AP 3.0, section "Used prefixes"). */
export const DCAT_PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
  spdx: 'http://spdx.org/rdf/terms#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcatap: 'http://data.europa.eu/r5r/',
  locn: 'http://www.w3.org/ns/locn#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

const EU_AUTHORITY = 'http://publications.europa.eu/resource/authority/';

/** EU Publications Office language authority: Spanish. DCAT-AP requires this table, not BCP 47 tags. */
export const EU_LANGUAGE_SPANISH = `${EU_AUTHORITY}language/SPA`;

/** BCP 47 tag for human-facing text in formats that take tags (data.json, schema.org). */
export const LANGUAGE_TAG = 'es-PE';
/** Language of the literals in the RDF formats: plain 'es', because harvesters match on the primary subtag. */
export const RDF_LANGUAGE = 'es';

export const EU_DATA_THEME_SCHEME = `${EU_AUTHORITY}data-theme`;

/** Spanish preferred labels of the EU data themes, as published in the EU vocabulary itself. */
const DATA_THEME_LABELS: Record<string, string> = {
  AGRI: 'Agricultura, pesca, silvicultura y alimentación',
  ECON: 'Economía y finanzas',
  EDUC: 'Educación, cultura y deporte',
  ENER: 'Energía',
  ENVI: 'Medio ambiente',
  GOVE: 'Gobierno y sector público',
  HEAL: 'Salud',
  INTR: 'Asuntos internacionales',
  JUST: 'Justicia, sistema judicial y seguridad pública',
  REGI: 'Regiones y ciudades',
  SOCI: 'Población y sociedad',
  TECH: 'Ciencia y tecnología',
  TRAN: 'Transporte',
};

/** The theme's IRI and Spanish label; an unknown code throws, because a typo would publish a dead IRI. */
export function dataTheme(code: string): { iri: string; label: string } {
  const label = DATA_THEME_LABELS[code];
  if (label === undefined) {
    throw new Error(`Unknown EU data theme code '${code}' (expected one of ${Object.keys(DATA_THEME_LABELS).join(', ')})`);
  }
  return { iri: `${EU_DATA_THEME_SCHEME}/${code}`, label };
}

export function frequencyIri(frequency: Frequency): string {
  return `${EU_AUTHORITY}frequency/${frequency}`;
}

/** Project Open Data 1.1 wants ISO 8601 repeating durations, with the literal 'irregular' for no fixed pace. */
export const FREQUENCY_ISO8601: Record<Frequency, string> = {
  DAILY: 'R/P1D',
  WEEKLY: 'R/P1W',
  MONTHLY: 'R/P1M',
  ANNUAL: 'R/P1Y',
  IRREG: 'irregular',
};

/** EU file-type authority codes. OC4IDS packages are plain JSON; CSVW metadata is JSON-LD. */
const FILE_TYPE: Record<DistributionFormat, string> = {
  CSV: 'CSV',
  JSON: 'JSON',
  GeoJSON: 'GEOJSON',
  OC4IDS: 'JSON',
  CSVW: 'JSON_LD',
};

export function fileTypeIri(format: DistributionFormat): string {
  return `${EU_AUTHORITY}file-type/${FILE_TYPE[format]}`;
}

/** EU "planned availability": the files are regenerated in place at each export, so their URLs are stable. */
export const AVAILABILITY_STABLE = `${EU_AUTHORITY}planned-availability/STABLE`;

/** ADMS publisher type of a municipality. */
export const PUBLISHER_TYPE_LOCAL_AUTHORITY = 'http://purl.org/adms/publishertype/LocalAuthority';

/** The bare media type: parameters such as '; charset=utf-8' are not part of the IANA registry entry. */
export function bareMediaType(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

export function ianaMediaTypeIri(mediaType: string): string {
  return `https://www.iana.org/assignments/media-types/${bareMediaType(mediaType)}`;
}

export const CSVW_MEDIA_TYPE = 'application/csvm+json';

/** Human-readable format names (data.json's `format`, titles of distributions). */
export const FORMAT_LABEL: Record<DistributionFormat, string> = {
  CSV: 'CSV',
  JSON: 'JSON',
  GeoJSON: 'GeoJSON',
  OC4IDS: 'OC4IDS',
  CSVW: 'CSVW',
};

/** Specifications the files conform to. */
export const STANDARD = {
  csv: 'https://www.rfc-editor.org/rfc/rfc4180',
  geojson: 'https://www.rfc-editor.org/rfc/rfc7946',
  csvw: 'https://www.w3.org/TR/tabular-metadata/',
  oc4ids: 'https://standard.open-contracting.org/infrastructure/0.9/en/',
  oc4idsPackageSchema: 'https://standard.open-contracting.org/infrastructure/0.9/en/project-package-schema.json',
  projectOpenData: 'https://project-open-data.cio.gov/v1.1/schema',
} as const;

/** 'YYYY-MM-DD' is a date; anything longer is taken as an ISO date-time. */
export function isDateOnly(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value);
}
