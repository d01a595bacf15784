import { Migration } from '@mikro-orm/migrations';

const MONTHS = Array.from({ length: 12 }, (_, i) => `accrued_${String(i + 1).padStart(2, '0')}`);
const ACCRUED_TOTAL = MONTHS.join(' + ');

/**
 * The budget domain: participatory budget processes (phases, criteria, oversight committee,
 * agents, proposals, scores) and budget execution lines. Execution invariants are constraints:
 * no negative amount, and paid ≤ accrued ≤ committed ≤ certified ≤ modified budget (PIM), with
 * the accrued amount kept per month. Organizations, departments (by code), works and districts
 * belong to other subgraphs: here they are only keys.
 */
export class Migration20261124200000_init extends Migration {
  override name = 'Migration20261124200000_init';

  override up(): void {
    this.addSql(`
create table participatory_budget (
  year integer primary key check (year between 2000 and 2100),
  ceiling numeric(16,2) not null check (ceiling >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table budget_phase (
  year integer not null references participatory_budget (year) on delete cascade,
  phase text not null check (phase in ('PREPARATION', 'CONCERTATION', 'COORDINATION', 'FORMALIZATION')),
  position smallint not null,
  planned_start date not null,
  planned_end date not null,
  actual_start date,
  actual_end date,
  primary key (year, phase),
  check (planned_end >= planned_start),
  check (actual_end is null or (actual_start is not null and actual_end >= actual_start))
);

create table prioritization_criterion (
  year integer not null references participatory_budget (year) on delete cascade,
  code text not null check (code ~ '^[A-Z_]{2,40}$'),
  name text not null,
  weight numeric(5,2) not null check (weight > 0 and weight <= 100),
  position smallint not null,
  primary key (year, code)
);

create table oversight_member (
  year integer not null references participatory_budget (year) on delete cascade,
  organization_id uuid not null,
  role text not null,
  primary key (year, organization_id)
);

create table participating_agent (
  id uuid primary key,
  year integer not null references participatory_budget (year) on delete cascade,
  organization_id uuid not null,
  name text not null,
  accreditation_status text not null check (accreditation_status in ('PENDING', 'ACCREDITED', 'REJECTED')),
  accredited_on date,
  check ((accreditation_status = 'ACCREDITED') = (accredited_on is not null))
);
create index participating_agent_year_idx on participating_agent (year, organization_id);

create table proposal (
  id uuid primary key,
  year integer not null references participatory_budget (year) on delete cascade,
  title text not null check (length(trim(title)) between 5 and 500),
  description text not null default '',
  sector text not null,
  estimated_cost numeric(16,2) not null check (estimated_cost > 0),
  beneficiaries integer not null check (beneficiaries >= 0),
  cui char(7) check (cui ~ '^[0-9]{7}$'),
  submitted_by_kind text not null check (submitted_by_kind in ('ORGANIZATION', 'DEPARTMENT')),
  submitted_by text not null,
  submitted_at timestamptz not null,
  evaluation_status text not null check (evaluation_status in ('PENDING', 'VIABLE', 'NOT_VIABLE')),
  evaluation_reason text,
  work_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (evaluation_status <> 'NOT_VIABLE' or coalesce(trim(evaluation_reason), '') <> '')
);
create index proposal_year_idx on proposal (year);
create index proposal_work_idx on proposal (work_id) where work_id is not null;
create index proposal_submitter_idx on proposal (submitted_by_kind, submitted_by);

create table proposal_district (
  proposal_id uuid not null references proposal (id) on delete cascade,
  ubigeo char(6) not null check (ubigeo ~ '^1201[0-9]{2}$'),
  primary key (proposal_id, ubigeo)
);
create index proposal_district_ubigeo_idx on proposal_district (ubigeo);

-- One agent's score of one proposal on one criterion, 0 to 10.
create table proposal_score (
  proposal_id uuid not null references proposal (id) on delete cascade,
  agent_id uuid not null references participating_agent (id),
  criterion_code text not null,
  score numeric(4,2) not null check (score between 0 and 10),
  primary key (proposal_id, agent_id, criterion_code)
);

create table budget_line (
  id uuid primary key,
  year integer not null check (year between 2000 and 2100),
  department text not null check (department ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  function_code text not null check (function_code ~ '^[0-9]{2}$'),
  budget_program text not null,
  funding_source text not null,
  funding_item text not null,
  expense_category text not null,
  work_id uuid,
  -- MEF's data names investments by CUI (PRODUCTO_PROYECTO), not by our ids
  cui char(7) check (cui ~ '^[0-9]{7}$'),
  ubigeo char(6) check (ubigeo ~ '^1201[0-9]{2}$'),
  opening_budget numeric(16,2) not null check (opening_budget >= 0),
  modified_budget numeric(16,2) not null check (modified_budget >= 0),
  certified numeric(16,2) not null check (certified >= 0),
  committed numeric(16,2) not null check (committed >= 0),
  ${MONTHS.map((m) => `${m} numeric(16,2) not null default 0 check (${m} >= 0),`).join('\n  ')}
  paid numeric(16,2) not null check (paid >= 0),
  source text not null default 'MANUAL' check (source in ('MANUAL', 'MEF_IMPORT', 'DEMO')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint budget_line_paid_le_accrued check (paid <= ${ACCRUED_TOTAL}),
  constraint budget_line_accrued_le_committed check (${ACCRUED_TOTAL} <= committed),
  constraint budget_line_committed_le_certified check (committed <= certified),
  constraint budget_line_certified_le_modified check (certified <= modified_budget)
);
create index budget_line_year_idx on budget_line (year, department);
create index budget_line_work_idx on budget_line (work_id, year) where work_id is not null;
create index budget_line_cui_idx on budget_line (cui, year) where cui is not null;

create table change_log (
  id uuid primary key,
  entity_type text not null,
  entity_id text not null,
  at timestamptz not null default now(),
  action text not null,
  actor_kind text not null check (actor_kind in ('DEPARTMENT', 'AGENT', 'IMPORT', 'SYSTEM')),
  actor text,
  changes jsonb not null default '[]'
);
create index change_log_entity_idx on change_log (entity_type, entity_id, at);
`);
  }
}
