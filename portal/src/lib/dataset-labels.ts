/** Spanish words for the catalog's codes on the dataset pages. */
export const FREQUENCY: Record<string, string> = { DAILY: 'diaria', WEEKLY: 'semanal', MONTHLY: 'mensual', ANNUAL: 'anual', IRREG: 'irregular' };
export const DATATYPE: Record<string, string> = { string: 'texto', integer: 'entero', decimal: 'decimal', number: 'número', boolean: 'verdadero/falso', date: 'fecha (AAAA-MM-DD)', datetime: 'fecha y hora (ISO 8601, UTC)' };
export const FORMAT_NOTE: Record<string, string> = {
  CSV: 'CSV (UTF-8, separado por comas, una fila de encabezado)', JSON: 'JSON', GeoJSON: 'GeoJSON (WGS84)', OC4IDS: 'OC4IDS 0.9 (paquete de proyectos de infraestructura)', CSVW: 'Metadatos CSVW (diccionario legible por máquinas)',
};
const bytes = new Intl.NumberFormat('es-PE', { maximumFractionDigits: 1 });
export function fmtBytes(n: number): string {
  if (n >= 1024 * 1024) return `${bytes.format(n / 1024 / 1024)} MB`;
  if (n >= 1024) return `${bytes.format(n / 1024)} KB`;
  return `${n} bytes`;
}
