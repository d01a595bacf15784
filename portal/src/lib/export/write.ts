/**
 * Writes the open datasets and their catalog: per dataset a CSV, a JSON (and GeoJSON/OC4IDS where
 * apt) and CSVW metadata; then the DCAT-AP catalog, data.json, one archive with everything, and the
 * catalog the pages read. Everything is first checked for citizens' personal data: one finding and
 * nothing is published.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../opendata/checksum.ts';
import { toCsv } from '../opendata/csv.ts';
import { csvwMetadata } from '../opendata/csvw.ts';
import { dataJson } from '../opendata/datajson.ts';
import { dcatCatalog } from '../opendata/dcat.ts';
import { oc4idsPackage } from '../opendata/oc4ids.ts';
import { findPersonalData } from '../opendata/pii.ts';
import type { CatalogEntry, CatalogMeta, Distribution, DistributionFormat } from '../opendata/types.ts';
import { createZip } from '../opendata/zip.ts';
import type { WorkRecord } from '../records.ts';
import type { PortalConfig } from './config.ts';
import type { BuiltDataset } from './datasets.ts';

export const DATASETS_PATH = 'datos/';
export const ARCHIVE_NAME = 'articula-datos-abiertos.zip';
export const INSTITUTIONAL_DOMAINS = ['munihuancayo.gob.pe', 'gob.pe'];

/** What the pages read besides the datasets themselves. */
export interface SiteCatalog {
  meta: CatalogMeta;
  entries: CatalogEntry[];
  archive: { fileName: string; byteSize: number; sha256: string };
  files: { dcat: string; dataJson: string };
  apiUrl: string;
}

export class PersonalDataError extends Error {}

export function catalogMeta(config: PortalConfig, generatedAt: string): CatalogMeta {
  return {
    baseUrl: config.siteUrl,
    datasetsPath: DATASETS_PATH,
    title: 'Datos abiertos de la Municipalidad Provincial de Huancayo (Articula)',
    description: 'Obras, proyectos e intervenciones de todos los niveles de gobierno en la provincia de Huancayo, espacios de diálogo y acuerdos, atención ciudadana, presupuesto participativo y ejecución presupuestal, del Programa de Articulación y Participación Ciudadana.',
    publisher: { name: 'Municipalidad Provincial de Huancayo', url: 'https://www.munihuancayo.gob.pe/', email: config.contactEmail },
    licence: config.licence,
    generatedAt,
    spatial: { ubigeo: '1201', name: 'Provincia de Huancayo, Junín, Perú' },
  };
}

export async function writeDatasets(config: PortalConfig, datasets: BuiltDataset[], generatedAt: string): Promise<SiteCatalog> {
  const meta = catalogMeta(config, generatedAt);
  const dir = path.join(config.workDir, 'public', DATASETS_PATH);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });

  const files = new Map<string, Buffer>();
  const put = (fileName: string, text: string) => {
    const findings = findPersonalData(text, { allowEmailDomains: INSTITUTIONAL_DOMAINS });
    if (findings.length > 0) {
      const f = findings[0];
      throw new PersonalDataError(`${fileName}: ${findings.length} possible personal data finding(s), first a ${f.kind} at offset ${f.index}; nothing was published`);
    }
    const data = Buffer.from(text, 'utf8');
    files.set(fileName, data);
    return data;
  };
  const distribution = (format: DistributionFormat, fileName: string, mediaType: string, text: string, rowCount?: number): Distribution => {
    const data = put(fileName, text);
    return { format, fileName, mediaType, byteSize: data.length, sha256: sha256Hex(data), ...(rowCount === undefined ? {} : { rowCount }) };
  };

  const entries: CatalogEntry[] = [];
  for (const d of datasets) {
    const id = d.descriptor.id;
    const json = d.json ?? d.rows;
    const distributions: Distribution[] = [
      distribution('CSV', `${id}.csv`, 'text/csv', toCsv(d.descriptor.columns, d.rows), d.rows.length),
      distribution('JSON', `${id}.json`, 'application/json', `${JSON.stringify(json)}\n`, json.length),
    ];
    if (d.geojson) distributions.push(distribution('GeoJSON', `${id}.geojson`, 'application/geo+json', `${JSON.stringify(d.geojson)}\n`, d.geojson.features.length));
    if (d.oc4ids) {
      const pkg = oc4idsPackage(meta, d.rows as unknown as WorkRecord[], {
        prefix: 'oc4ids-hyo', uri: `${config.siteUrl}${DATASETS_PATH}${id}-oc4ids.json`, publishedDate: generatedAt,
      });
      distributions.push(distribution('OC4IDS', `${id}-oc4ids.json`, 'application/json', `${JSON.stringify(pkg)}\n`, (pkg as { projects: unknown[] }).projects.length));
    }
    const entry: CatalogEntry = { dataset: d.descriptor, distributions, rowCount: d.rows.length, modified: generatedAt };
    const csvw = csvwMetadata(meta, entry, `${id}.csv`);
    entry.distributions.push(distribution('CSVW', `${id}.csv-metadata.json`, 'application/csvm+json', `${JSON.stringify(csvw, null, 1)}\n`));
    entries.push(entry);
  }

  const dcatFile = 'catalogo.jsonld';
  const dataJsonFile = 'data.json';
  put(dcatFile, `${JSON.stringify(dcatCatalog(meta, entries), null, 1)}\n`);
  put(dataJsonFile, `${JSON.stringify(dataJson(meta, entries), null, 1)}\n`);
  const modified = new Date(generatedAt);
  const archive = createZip([...files].map(([name, data]) => ({ name: `articula-datos-abiertos/${name}`, data, modified })));

  for (const [name, data] of files) await writeFile(path.join(dir, name), data);
  await writeFile(path.join(dir, ARCHIVE_NAME), archive);
  const catalog: SiteCatalog = {
    meta, entries,
    archive: { fileName: ARCHIVE_NAME, byteSize: archive.length, sha256: sha256Hex(archive) },
    files: { dcat: dcatFile, dataJson: dataJsonFile },
    apiUrl: config.apiUrl,
  };
  await writeFile(path.join(config.workDir, 'catalog.json'), `${JSON.stringify(catalog, null, 1)}\n`);
  return catalog;
}
