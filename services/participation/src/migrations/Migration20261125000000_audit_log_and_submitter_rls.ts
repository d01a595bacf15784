import { AUDIT_LOG_SQL } from '@articula/common';
import { Migration } from '@mikro-orm/migrations';

/**
 * The audit trail (one row per mutation, insert-only: see common's audit.ts), and row-level
 * security on the submitters' personal data. The service's role reads a submitter only in a
 * transaction that declared the caller's department (`set_config('articula.department', …, true)`)
 * and only when that department is the one the request is assigned to; anyone may add one (citizens
 * submit without an account). No policy allows UPDATE or DELETE. The tables' owner (migrations, the
 * administrator) is not subject to it.
 */
export class Migration20261125000000_audit_log_and_submitter_rls extends Migration {
  override name = 'Migration20261125000000_audit_log_and_submitter_rls';

  override up(): void {
    this.addSql(AUDIT_LOG_SQL);
    this.addSql(`
alter table request_submitter enable row level security;
create policy request_submitter_assigned_department on request_submitter for select
  using (exists (select 1 from citizen_request r
    where r.id = request_submitter.request_id and r.assigned_department = current_setting('articula.department', true)));
create policy request_submitter_submit on request_submitter for insert with check (true);
`);
  }
}
