/**
 * The portal's catalogue as a Project Open Data Metadata Schema v1.1 `data.json`: the format CKAN and the
 * data.gov-style harvesters read. Every field the schema requires is present; `bureauCode` and `programCode`
 * are left out because they are required of United States federal agencies only.
 */

import type { CatalogEntry, CatalogMeta, Distribution } from './types.ts';
import { distributionDescription, distributionLabel } from './dcat.ts';
import { datasetIri, datasetPageUrl, fileUrl } from './urls.ts';
import { bareMediaType, CSVW_MEDIA_TYPE, dataTheme, FORMAT_LABEL, FREQUENCY_ISO8601, LANGUAGE_TAG, STANDARD } from './vocab.ts';

export function dataJson(meta: CatalogMeta, entries: CatalogEntry[]): Record<string, unknown> {
  return {
    '@context': `${STANDARD.projectOpenData}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    conformsTo: STANDARD.projectOpenData,
    describedBy: `${STANDARD.projectOpenData}/catalog.json`,
    dataset: entries.map((entry) => datasetRecord(meta, entry)),
  };
}

function datasetRecord(meta: CatalogMeta, entry: CatalogEntry): Record<string, unknown> {
  const { dataset } = entry;
  const csvw = entry.distributions.find((d) => d.format === 'CSVW');
  const csvwUrl = csvw === undefined ? undefined : fileUrl(meta, csvw.fileName);
  return {
    '@type': 'dcat:Dataset',
    title: dataset.title,
    description: dataset.description,
    keyword: [...dataset.keywords],
    ...(dataset.issued === undefined ? {} : { issued: dataset.issued }),
    modified: entry.modified,
    publisher: { '@type': 'org:Organization', name: meta.publisher.name },
    contactPoint: { '@type': 'vcard:Contact', fn: meta.publisher.name, hasEmail: `mailto:${meta.publisher.email}` },
    // The same IRI as the DCAT-AP catalogue, so the two catalogues can be matched record by record.
    identifier: datasetIri(meta, dataset.id),
    accessLevel: 'public',
    license: meta.licence.url,
    spatial: meta.spatial.name,
    accrualPeriodicity: FREQUENCY_ISO8601[dataset.frequency],
    language: [LANGUAGE_TAG],
    theme: [dataTheme(dataset.theme).label],
    landingPage: datasetPageUrl(meta, dataset.id),
    ...(csvwUrl === undefined ? {} : { describedBy: csvwUrl, describedByType: CSVW_MEDIA_TYPE }),
    // The CSVW file is the data dictionary, linked through describedBy above, not data to download.
    distribution: entry.distributions.filter((d) => d.format !== 'CSVW').map((d) => distributionRecord(meta, entry, d, csvwUrl)),
  };
}

function distributionRecord(meta: CatalogMeta, entry: CatalogEntry, d: Distribution, csvwUrl: string | undefined): Record<string, unknown> {
  // The schema's mediaType pattern allows no parameters ('text/csv', not 'text/csv; charset=utf-8').
  const base = {
    '@type': 'dcat:Distribution',
    title: `${entry.dataset.title} (${distributionLabel(d.format)})`,
    description: distributionDescription(d, entry),
    downloadURL: fileUrl(meta, d.fileName),
    mediaType: bareMediaType(d.mediaType),
    format: FORMAT_LABEL[d.format],
  };
  switch (d.format) {
    case 'CSV':
      return {
        ...base,
        conformsTo: STANDARD.csv,
        ...(csvwUrl === undefined ? {} : { describedBy: csvwUrl, describedByType: CSVW_MEDIA_TYPE }),
      };
    case 'GeoJSON':
      return { ...base, conformsTo: STANDARD.geojson };
    case 'OC4IDS':
      return { ...base, conformsTo: STANDARD.oc4ids, describedBy: STANDARD.oc4idsPackageSchema, describedByType: 'application/schema+json' };
    default:
      return base;
  }
}
