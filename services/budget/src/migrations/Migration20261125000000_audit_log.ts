import { AUDIT_LOG_SQL } from '@articula/common';
import { Migration } from '@mikro-orm/migrations';

/** The audit trail: one row per mutation, written in the mutation's transaction; insert-only (see common's audit.ts). */
export class Migration20261125000000_audit_log extends Migration {
  override name = 'Migration20261125000000_audit_log';

  override up(): void {
    this.addSql(AUDIT_LOG_SQL);
  }
}
