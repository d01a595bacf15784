import { Migration } from '@mikro-orm/migrations';

/**
 * Agencies push their interventions: the history records which API key (by its public prefix)
 * made a change, and idempotency records make a retried batch return its first answer.
 */
export class Migration20261124100000_agency_interventions extends Migration {
  override name = 'Migration20261124100000_agency_interventions';

  override up(): void {
    this.addSql(`
alter table work_change add column actor_key_prefix text check (actor_key_prefix ~ '^artk_[a-z0-9]{10}$');
create table idempotency_record (
  agency_id uuid not null references agency (id),
  key text not null check (length(key) between 1 and 200),
  request_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (agency_id, key)
);
create index idempotency_record_created_idx on idempotency_record (created_at);
`);
  }
}
