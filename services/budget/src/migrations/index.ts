import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124200000_init } from './Migration20261124200000_init.js';

/** Every migration of the budget schema, in order. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261124200000_init', class: Migration20261124200000_init }];
