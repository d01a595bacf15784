import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124100000_init } from './Migration20261124100000_init.js';
import { Migration20261124120000_overdue_notified } from './Migration20261124120000_overdue_notified.js';

/** Every migration of the participation schema, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124100000_init', class: Migration20261124100000_init },
  { name: 'Migration20261124120000_overdue_notified', class: Migration20261124120000_overdue_notified },
];
