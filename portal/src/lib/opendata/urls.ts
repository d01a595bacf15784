/**
 * Where things live on the published site, and the IRIs that name them in the metadata. Every format
 * builds its links here so that the catalogue, data.json, schema.org markup and pages point at the same
 * places.
 */

import type { CatalogMeta } from './types.ts';

/** Absolute URL of a file in the datasets folder. */
export function fileUrl(meta: CatalogMeta, fileName: string): string {
  return `${meta.baseUrl}${meta.datasetsPath}${encodeURI(fileName)}`;
}

/** The dataset's page on the portal (its landing page). */
export function datasetPageUrl(meta: CatalogMeta, datasetId: string): string {
  return `${meta.baseUrl}datos/${encodeURIComponent(datasetId)}/`;
}

// The things described get hash IRIs under the page that describes them: distinct from the page itself (a
// landing page is a document, not the dataset), yet they resolve to something a person can read.

export function catalogIri(meta: CatalogMeta): string {
  return `${meta.baseUrl}#catalogo`;
}

export function publisherIri(meta: CatalogMeta): string {
  return `${meta.baseUrl}#publicador`;
}

export function spatialIri(meta: CatalogMeta): string {
  return `${meta.baseUrl}#ubigeo-${encodeURIComponent(meta.spatial.ubigeo)}`;
}

export function datasetIri(meta: CatalogMeta, datasetId: string): string {
  return `${datasetPageUrl(meta, datasetId)}#conjunto-de-datos`;
}

export function distributionIri(meta: CatalogMeta, datasetId: string, fileName: string): string {
  return `${datasetPageUrl(meta, datasetId)}#distribucion-${encodeURIComponent(fileName)}`;
}
