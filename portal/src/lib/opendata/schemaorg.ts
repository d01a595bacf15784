/**
 * schema.org `Dataset` markup for a dataset's page (what general search engines and dataset search read),
 * and the <script> element that embeds it safely in HTML.
 */

import type { CatalogEntry, CatalogMeta } from './types.ts';
import { datasetIri, fileUrl } from './urls.ts';
import { bareMediaType, LANGUAGE_TAG } from './vocab.ts';

/** @param pageUrl absolute URL of the page the markup goes in (normally datasetPageUrl). */
export function schemaOrgDataset(meta: CatalogMeta, entry: CatalogEntry, pageUrl: string): Record<string, unknown> {
  const { dataset } = entry;
  const organization = {
    '@type': 'Organization',
    name: meta.publisher.name,
    url: meta.publisher.url,
    email: meta.publisher.email,
  };
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': datasetIri(meta, dataset.id),
    name: dataset.title,
    description: dataset.description,
    url: pageUrl,
    identifier: dataset.id,
    keywords: [...dataset.keywords],
    license: meta.licence.url,
    isAccessibleForFree: true,
    inLanguage: LANGUAGE_TAG,
    creator: organization,
    publisher: organization,
    spatialCoverage: {
      '@type': 'Place',
      name: meta.spatial.name,
      identifier: { '@type': 'PropertyValue', propertyID: 'UBIGEO', value: meta.spatial.ubigeo },
    },
    ...(dataset.issued === undefined ? {} : { datePublished: dataset.issued }),
    dateModified: entry.modified,
    includedInDataCatalog: { '@type': 'DataCatalog', name: meta.title, url: meta.baseUrl },
    variableMeasured: dataset.columns.map((c) => ({
      '@type': 'PropertyValue',
      name: c.name,
      alternateName: c.title,
      description: c.description,
      ...(c.unit === undefined ? {} : { unitText: c.unit }),
    })),
    // The CSVW data dictionary describes the data; search engines list downloads of the data itself.
    distribution: entry.distributions
      .filter((d) => d.format !== 'CSVW')
      .map((d) => ({
        '@type': 'DataDownload',
        name: `${dataset.title} (${d.format})`,
        contentUrl: fileUrl(meta, d.fileName),
        encodingFormat: bareMediaType(d.mediaType),
        contentSize: formatByteSize(d.byteSize),
        sha256: d.sha256,
        dateModified: entry.modified,
      })),
  };
}

/** schema.org's contentSize is text in (kilo/mega)bytes; binary multiples, one decimal, a point as separator. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * A <script type="application/ld+json"> element holding the object. '<', '>' and '&' are written as JSON
 * \u escapes, so no value (a title containing "</script>" or "<!--") can end the element early or open a
 * comment: the HTML parser never sees a tag, and JSON readers get the same characters back. U+2028/U+2029
 * are escaped too, for scripts that still read the block as JavaScript.
 */
export function jsonLdScript(obj: unknown): string {
  const raw = JSON.stringify(obj) as string | undefined;
  if (raw === undefined) throw new TypeError('jsonLdScript: the value has no JSON form');
  const json = raw
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
  return `<script type="application/ld+json">${json}</script>`;
}
