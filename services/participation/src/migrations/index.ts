import type { MigrationObject } from '@mikro-orm/postgresql';
import { Migration20261124100000_init } from './Migration20261124100000_init.js';
import { Migration20261124120000_overdue_notified } from './Migration20261124120000_overdue_notified.js';
import { Migration20261125000000_audit_log_and_submitter_rls } from './Migration20261125000000_audit_log_and_submitter_rls.js';

/** Every migration of the participation schema, in order. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261124100000_init', class: Migration20261124100000_init },
  { name: 'Migration20261124120000_overdue_notified', class: Migration20261124120000_overdue_notified },
  { name: 'Migration20261125000000_audit_log_and_submitter_rls', class: Migration20261125000000_audit_log_and_submitter_rls },
];
