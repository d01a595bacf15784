/**
 * The data dictionary of a CSV file as W3C CSV on the Web metadata ("Metadata Vocabulary for Tabular Data"):
 * what the file is, under which licence, how it is written (dialect) and, per column, its name, Spanish title
 * and description, datatype and whether it may be empty.
 */

import type { CatalogEntry, CatalogMeta, Column, ColumnType } from './types.ts';
import { isDateOnly, RDF_LANGUAGE } from './vocab.ts';

/** CSVW built-in datatype names; 'number' columns hold doubles. */
const CSVW_DATATYPE: Record<ColumnType, string> = {
  string: 'string',
  integer: 'integer',
  decimal: 'decimal',
  number: 'double',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/**
 * @param csvFileName the CSV's URL relative to where the metadata file is published (normally the bare file
 *   name, both living in the datasets folder), as CSVW resolves `url` against the metadata's own location.
 */
export function csvwMetadata(meta: CatalogMeta, entry: CatalogEntry, csvFileName: string): Record<string, unknown> {
  const { dataset } = entry;
  return {
    '@context': ['http://www.w3.org/ns/csvw', { '@language': RDF_LANGUAGE }],
    url: encodeURI(csvFileName),
    'dc:title': dataset.title,
    'dc:description': dataset.description,
    'dcat:keyword': [...dataset.keywords],
    'dc:license': { '@id': meta.licence.url },
    'dc:modified': { '@value': entry.modified, '@type': isDateOnly(entry.modified) ? 'xsd:date' : 'xsd:dateTime' },
    'dc:publisher': { 'schema:name': meta.publisher.name, 'schema:url': { '@id': meta.publisher.url } },
    // Spelled out although most are CSVW defaults, so that a reader does not have to know the defaults.
    dialect: {
      encoding: 'utf-8',
      header: true,
      headerRowCount: 1,
      delimiter: ',',
      doubleQuote: true,
      quoteChar: '"',
      lineTerminators: ['\r\n'],
    },
    tableSchema: { columns: dataset.columns.map(columnDescription) },
  };
}

function columnDescription(column: Column): Record<string, unknown> {
  return {
    name: column.name,
    // The header row holds the column names, and validators match header cells against `titles`: the name
    // must be one of them or every file would be reported as mismatching its own metadata.
    titles: [column.name, column.title],
    'dc:description': column.description,
    datatype: CSVW_DATATYPE[column.datatype],
    ...(column.nullable ? {} : { required: true }),
    null: '',
    ...(column.separator === undefined ? {} : { separator: column.separator }),
    ...(column.unit === undefined ? {} : { 'schema:unitText': column.unit }),
  };
}
