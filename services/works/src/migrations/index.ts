import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124000000_init } from './Migration20261124000000_init.js';

/** Every migration of the works schema, in order. New ones are appended here. */
export const migrations: MigrationObject[] = [{ name: 'Migration20261124000000_init', class: Migration20261124000000_init }];
