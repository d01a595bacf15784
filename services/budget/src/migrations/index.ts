import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124200000_init } from './Migration20261124200000_init.js';
import { Migration20261125000000_audit_log } from './Migration20261125000000_audit_log.js';

/** Every migration of the budget schema, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124200000_init', class: Migration20261124200000_init },
  { name: 'Migration20261125000000_audit_log', class: Migration20261125000000_audit_log },
];
