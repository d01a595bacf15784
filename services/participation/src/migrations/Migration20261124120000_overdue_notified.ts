import { Migration } from '@mikro-orm/migrations';

/**
 * Agreements fall overdue when their due date passes, a moment nobody writes anything; the
 * service's overdue ticker announces it once by claiming the row (`overdue_notified_on` from null
 * to today), so that several instances never announce one agreement twice. Agreements already
 * overdue before the ticker existed were never going to be announced: they are marked here, or the
 * first tick would flood subscribers with the whole backlog.
 */
export class Migration20261124120000_overdue_notified extends Migration {
  override name = 'Migration20261124120000_overdue_notified';

  override up(): void {
    this.addSql(`
alter table agreement add column overdue_notified_on date;
update agreement set overdue_notified_on = (now() at time zone 'America/Lima')::date
  where status in ('PENDING', 'IN_PROGRESS') and due_date < (now() at time zone 'America/Lima')::date;
create index agreement_overdue_unnotified_idx on agreement (due_date) where status in ('PENDING', 'IN_PROGRESS') and overdue_notified_on is null;
`);
  }
}
