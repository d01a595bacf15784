import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124000000_init } from './Migration20261124000000_init.js';
import { Migration20261124100000_agency_interventions } from './Migration20261124100000_agency_interventions.js';
import { Migration20261125000000_audit_log } from './Migration20261125000000_audit_log.js';
import { Migration20261126000000_dataset_export } from './Migration20261126000000_dataset_export.js';
import { Migration20261126200000_alert_footprint } from './Migration20261126200000_alert_footprint.js';

/** Every migration of the works schema, in order. New ones are appended here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124100000_agency_interventions', class: Migration20261124100000_agency_interventions },
  { name: 'Migration20261125000000_audit_log', class: Migration20261125000000_audit_log },
  { name: 'Migration20261126000000_dataset_export', class: Migration20261126000000_dataset_export },
  { name: 'Migration20261126200000_alert_footprint', class: Migration20261126200000_alert_footprint },
];
