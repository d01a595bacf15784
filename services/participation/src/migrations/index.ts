import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124100000_init } from './Migration20261124100000_init.js';

/** Every migration of the participation schema, in order. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261124100000_init', class: Migration20261124100000_init }];
