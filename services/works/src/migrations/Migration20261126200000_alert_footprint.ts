import { Migration } from '@mikro-orm/migrations';
import { SCHEMA } from '../entities.js';

/**
 * Finding the works another executor runs in the same district and sector (coordination alerts)
 * walked every work of the district, the new work's own executor's included: with 100,000 works of
 * one agency in five districts, a call cost ~0.33 s, and the import's detection grew with the
 * square of the agency's works. Each district row now carries its work's sector and executor
 * (kept by triggers, so no writer can forget them; their tables named with the schema, so they
 * work whatever the writer's search path), and the index (ubigeo, sector, executor_id)
 * lets the detection visit only the other executors' works: one index range per agency.
 */
export class Migration20261126200000_alert_footprint extends Migration {
  override name = 'Migration20261126200000_alert_footprint';

  override up(): void {
    this.addSql(`
alter table work_district add column sector text, add column executor_id uuid;
update work_district wd set sector = w.sector, executor_id = w.executor_id from work w where w.id = wd.work_id;
alter table work_district alter column sector set not null, alter column executor_id set not null;

create function work_district_footprint() returns trigger language plpgsql as $$
begin
  select w.sector, w.executor_id into new.sector, new.executor_id from ${SCHEMA}.work w where w.id = new.work_id;
  return new;
end $$;
create trigger work_district_footprint before insert or update of work_id on work_district
  for each row execute function work_district_footprint();

create function work_footprint_follows() returns trigger language plpgsql as $$
begin
  update ${SCHEMA}.work_district set sector = new.sector, executor_id = new.executor_id where work_id = new.id;
  return null;
end $$;
create trigger work_footprint_follows after update of sector, executor_id on work
  for each row when (old.sector is distinct from new.sector or old.executor_id is distinct from new.executor_id)
  execute function work_footprint_follows();

create index work_district_footprint_idx on work_district (ubigeo, sector, executor_id, work_id);
`);
  }
}
