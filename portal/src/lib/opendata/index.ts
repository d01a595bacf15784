/** The open-data formats of the portal, in one import. Each module's header says what it owns. */

export type * from './types.ts';
export { toCsv, parseCsv, formatNumber } from './csv.ts';
export { sha256Hex } from './checksum.ts';
export { csvwMetadata } from './csvw.ts';
export { dcatCatalog } from './dcat.ts';
export { dataJson } from './datajson.ts';
export { schemaOrgDataset, jsonLdScript, formatByteSize } from './schemaorg.ts';
export { createZip, type ZipInput } from './zip.ts';
export { findPersonalData, type PersonalDataKind, type PersonalDataMatch, type FindPersonalDataOptions } from './pii.ts';
export { oc4idsPackage, oc4idsStatus, oc4idsSector, oc4idsType, type Oc4idsOptions, type Oc4idsProjectStatus } from './oc4ids.ts';
export { fileUrl, datasetPageUrl, datasetIri, catalogIri } from './urls.ts';
