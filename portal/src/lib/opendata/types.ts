/** What the open-data layer knows of a dataset: its description, its columns and the files made of it. */

export type ColumnType = 'string' | 'integer' | 'decimal' | 'number' | 'boolean' | 'date' | 'datetime';

export interface Column {
  /** Column name in the CSV header and key in the JSON records (snake_case, English). */
  name: string;
  /** Short Spanish title, shown in the data dictionary. */
  title: string;
  /** Spanish description: what the value means, its unit and where it comes from. */
  description: string;
  datatype: ColumnType;
  /** True when the value can be empty. */
  nullable?: boolean;
  /** Unit when it has one, e.g. 'PEN', '%', 'km²'. */
  unit?: string;
  /**
   * Set on list-valued columns only: the string their items are joined with in the CSV (the portal uses '|').
   * The CSVW metadata declares it so a reader splits the cell back into a list; scalar columns must not have it,
   * or a '|' inside a plain text value would be read as a list.
   */
  separator?: string;
}

/** Update frequency, as EU Publications Office frequency codes (used by DCAT-AP) */
export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'ANNUAL' | 'IRREG';

export interface DatasetDescriptor {
  /** URL slug and file stem, Spanish, e.g. 'obras'. */
  id: string;
  title: string;
  description: string;
  keywords: string[];
  /** EU data theme code (http://publications.europa.eu/resource/authority/data-theme/…), e.g. 'GOVE', 'ECON', 'REGI', 'SOCI'. */
  theme: string;
  frequency: Frequency;
  columns: Column[];
  /** ISO date (or date-time) on which the dataset was first published; omitted from the metadata when unknown. */
  issued?: string;
}

export type DistributionFormat = 'CSV' | 'JSON' | 'GeoJSON' | 'OC4IDS' | 'CSVW';

export interface Distribution {
  format: DistributionFormat;
  /** File name inside the datasets folder, e.g. 'obras.csv'. */
  fileName: string;
  mediaType: string;
  byteSize: number;
  /** Lower-case hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Rows (CSV data rows, JSON records, GeoJSON features, OC4IDS projects); undefined for metadata files. */
  rowCount?: number;
}

export interface CatalogEntry {
  dataset: DatasetDescriptor;
  distributions: Distribution[];
  rowCount: number;
  /** ISO date-time of the export. */
  modified: string;
}

export interface CatalogMeta {
  /** Absolute base URL where the site is published, ending in '/', e.g. 'https://datos.munihuancayo.gob.pe/'. */
  baseUrl: string;
  /** Path of the datasets folder under baseUrl, e.g. 'datos/'. */
  datasetsPath: string;
  title: string;
  description: string;
  publisher: { name: string; url: string; email: string };
  licence: { id: string; title: string; url: string };
  /** ISO date-time of the export. */
  generatedAt: string;
  /** Spatial coverage: the province's UBIGEO. */
  spatial: { ubigeo: string; name: string };
  /** ISO date (or date-time) on which the catalogue was first published; omitted from the metadata when unknown. */
  issued?: string;
}
