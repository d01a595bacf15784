import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124000000_init } from './Migration20261124000000_init.js';
import { Migration20261124100000_agency_interventions } from './Migration20261124100000_agency_interventions.js';

/** Every migration of the works schema, in order. New ones are appended here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124000000_init', class: Migration20261124000000_init },
  { name: 'Migration20261124100000_agency_interventions', class: Migration20261124100000_agency_interventions },
];
