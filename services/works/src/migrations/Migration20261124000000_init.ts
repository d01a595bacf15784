import { Migration } from '@mikro-orm/migrations';

/**
 * The works domain: districts (reference data), agencies, departments, works and their districts,
 * progress reports and the public change history. Rules that must hold whoever writes (the API,
 * the importer, a person at psql) are constraints here, not only checks in code.
 */
export class Migration20261124000000_init extends Migration {
  override name = 'Migration20261124000000_init';

  override up(): void {
    this.addSql(`
create table district (
  ubigeo char(6) primary key check (ubigeo ~ '^1201[0-9]{2}$'),
  ubigeo_reniec char(6) not null,
  name text not null unique,
  area_km2 numeric(10,2) not null check (area_km2 > 0),
  population integer not null check (population >= 0),
  density numeric(10,2) not null,
  altitude_m integer not null,
  latitude numeric(9,6) not null,
  longitude numeric(9,6) not null,
  hdi numeric(6,4),
  poverty_pct numeric(5,2) not null,
  extreme_poverty_pct numeric(5,2) not null,
  food_vulnerability_index numeric(6,4),
  area text not null check (area in ('URBAN', 'RURAL')),
  boundary jsonb not null
);

create table agency (
  id uuid primary key,
  name text not null unique,
  acronym text,
  level text not null check (level in ('NATIONAL', 'REGIONAL', 'LOCAL', 'PRIVATE')),
  is_municipality boolean not null default false,
  ubigeo char(6) references district (ubigeo),
  website text
);
create unique index agency_one_municipality on agency (is_municipality) where is_municipality;

create table department (
  id uuid primary key,
  code text not null unique check (code ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  name text not null unique,
  official_name text not null,
  official_title text not null
);

create table work (
  id uuid primary key,
  kind text not null check (kind in ('WORK', 'PROJECT', 'ACTIVITY', 'ACTION')),
  cui char(7) check (cui ~ '^[0-9]{7}$'),
  infobras_code text,
  title text not null check (length(title) between 3 and 500),
  description text not null default '',
  sector text not null,
  executor_id uuid not null references agency (id),
  department_id uuid references department (id),
  latitude numeric(9,6),
  longitude numeric(9,6),
  status text not null check (status in ('PLANNED', 'IN_PREPARATION', 'IN_EXECUTION', 'SUSPENDED', 'COMPLETED', 'CANCELLED')),
  suspension_reason text,
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  investment_cost numeric(14,2) check (investment_cost >= 0),
  contract_amount numeric(14,2) check (contract_amount >= 0),
  contractor_name text,
  contractor_ruc char(11) check (contractor_ruc ~ '^(10|15|17|20)[0-9]{9}$'),
  physical_progress numeric(5,2) not null default 0 check (physical_progress between 0 and 100),
  external_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  search tsvector generated always as (to_tsvector('spanish', coalesce(cui, '') || ' ' || title || ' ' || description)) stored,
  constraint work_external_id_per_executor unique (executor_id, external_id),
  constraint work_cui_per_executor unique (executor_id, cui),
  constraint work_planned_period check (planned_end is null or planned_start is null or planned_end >= planned_start),
  constraint work_actual_period check (actual_end is null or actual_start is null or actual_end >= actual_start),
  constraint work_suspension_reason check (status <> 'SUSPENDED' or coalesce(trim(suspension_reason), '') <> ''),
  constraint work_location_pair check ((latitude is null) = (longitude is null))
);
create index work_status_idx on work (status);
create index work_sector_idx on work (sector);
create index work_executor_idx on work (executor_id);
create index work_department_idx on work (department_id);
create index work_planned_end_idx on work (planned_end);
create index work_cui_idx on work (cui) where cui is not null;
create index work_search_idx on work using gin (search);

create table work_district (
  work_id uuid not null references work (id) on delete cascade,
  ubigeo char(6) not null references district (ubigeo),
  primary key (work_id, ubigeo)
);
create index work_district_ubigeo_idx on work_district (ubigeo, work_id);

create table progress_report (
  id uuid primary key,
  work_id uuid not null references work (id) on delete cascade,
  reported_on date not null,
  physical_progress numeric(5,2) not null check (physical_progress between 0 and 100),
  note text,
  reported_by text not null,
  created_at timestamptz not null default now()
);
create index progress_report_work_idx on progress_report (work_id, reported_on, created_at);

create table work_change (
  id uuid primary key,
  work_id uuid not null references work (id) on delete cascade,
  changed_at timestamptz not null default now(),
  action text not null check (action in ('CREATED', 'UPDATED', 'PROGRESS_REPORTED', 'STATUS_CHANGED', 'IMPORTED')),
  actor_kind text not null check (actor_kind in ('DEPARTMENT', 'AGENCY', 'SYSTEM')),
  actor_department_id uuid references department (id),
  actor_agency_id uuid references agency (id),
  changes jsonb not null default '[]'
);
create index work_change_work_idx on work_change (work_id, changed_at);
`);
  }
}
