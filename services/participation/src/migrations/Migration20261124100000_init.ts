import { Migration } from '@mikro-orm/migrations';

/**
 * The participation domain: organizations and their public representatives, meetings (dialogue
 * spaces), agreements with parties, linked works and follow-ups, citizen requests with their
 * workflow events, the submitters' personal data in a table of its own, and the change history.
 * Departments, agencies, districts and works belong to the works subgraph: here they are only keys
 * (departments by code, the key officials' tokens carry; agencies and works by id; districts by UBIGEO).
 */
export class Migration20261124100000_init extends Migration {
  override name = 'Migration20261124100000_init';

  override up(): void {
    this.addSql(`
create table organization (
  id uuid primary key,
  name text not null check (length(trim(name)) between 3 and 300),
  type text not null check (type in ('NEIGHBOURHOOD_BOARD', 'PEASANT_COMMUNITY', 'COMMUNITY_KITCHEN', 'GLASS_OF_MILK_COMMITTEE',
    'PRODUCERS_OR_TRADE_ASSOCIATION', 'NGO', 'EDUCATIONAL_INSTITUTION', 'OTHER')),
  ubigeo char(6) not null check (ubigeo ~ '^1201[0-9]{2}$'),
  registration_number text not null unique,
  registration_date date not null,
  registration_status text not null check (registration_status in ('ACTIVE', 'EXPIRED', 'INACTIVE')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index organization_ubigeo_idx on organization (ubigeo, type);

create table organization_representative (
  id uuid primary key,
  organization_id uuid not null references organization (id) on delete cascade,
  name text not null,
  role text not null,
  position smallint not null default 0
);
create index organization_representative_org_idx on organization_representative (organization_id, position);

create table meeting (
  id uuid primary key,
  kind text not null check (kind in ('COORDINATION_COMMITTEE', 'DIALOGUE_TABLE', 'PUBLIC_HEARING', 'BUDGET_WORKSHOP', 'FIELD_VISIT')),
  title text not null,
  starts_at timestamptz not null,
  ubigeo char(6) not null check (ubigeo ~ '^1201[0-9]{2}$'),
  place text not null,
  convening_department text not null check (convening_department ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  attendance_count integer check (attendance_count >= 0),
  agenda text not null default '',
  minutes_summary text,
  status text not null check (status in ('SCHEDULED', 'HELD', 'CANCELLED')),
  series_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index meeting_starts_idx on meeting (starts_at);
create index meeting_ubigeo_idx on meeting (ubigeo, starts_at);
create index meeting_series_idx on meeting (series_id) where series_id is not null;

create table meeting_organization (
  meeting_id uuid not null references meeting (id) on delete cascade,
  organization_id uuid not null references organization (id),
  primary key (meeting_id, organization_id)
);
create index meeting_organization_org_idx on meeting_organization (organization_id);

create table meeting_department (
  meeting_id uuid not null references meeting (id) on delete cascade,
  department text not null check (department ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  primary key (meeting_id, department)
);

create table agreement (
  id uuid primary key,
  meeting_id uuid not null references meeting (id),
  text text not null check (length(trim(text)) between 5 and 4000),
  responsible_department text not null check (responsible_department ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  due_date date not null,
  status text not null check (status in ('PENDING', 'IN_PROGRESS', 'FULFILLED', 'CANCELLED')),
  fulfilled_on date,
  cancellation_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint agreement_fulfilled_date check ((status = 'FULFILLED') = (fulfilled_on is not null)),
  constraint agreement_cancellation_reason check (status <> 'CANCELLED' or coalesce(trim(cancellation_reason), '') <> '')
);
create index agreement_meeting_idx on agreement (meeting_id);
create index agreement_department_idx on agreement (responsible_department, status);
create index agreement_due_idx on agreement (due_date) where status in ('PENDING', 'IN_PROGRESS');

create table agreement_party (
  agreement_id uuid not null references agreement (id) on delete cascade,
  party_kind text not null check (party_kind in ('DEPARTMENT', 'ORGANIZATION', 'AGENCY')),
  -- a department code, or an organization's or agency's id
  party_key text not null,
  primary key (agreement_id, party_kind, party_key),
  constraint agreement_party_key check (
    (party_kind = 'DEPARTMENT' and party_key ~ '^[A-Z][A-Z0-9-]{1,15}$')
    or (party_kind <> 'DEPARTMENT' and party_key ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'))
);

create table agreement_work (
  agreement_id uuid not null references agreement (id) on delete cascade,
  work_id uuid not null,
  primary key (agreement_id, work_id)
);
create index agreement_work_work_idx on agreement_work (work_id, agreement_id);

create table agreement_follow_up (
  id uuid primary key,
  agreement_id uuid not null references agreement (id) on delete cascade,
  reported_on date not null,
  note text not null check (length(trim(note)) between 3 and 4000),
  evidence_url text check (evidence_url is null or evidence_url ~ '^https?://'),
  progress_pct numeric(5,2) not null check (progress_pct between 0 and 100),
  department text not null check (department ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  created_at timestamptz not null default now()
);
create index agreement_follow_up_agreement_idx on agreement_follow_up (agreement_id, reported_on);

create table citizen_request (
  id uuid primary key,
  tracking_code text not null unique,
  kind text not null check (kind in ('NEED', 'COMPLAINT', 'INITIATIVE', 'SUGGESTION', 'INFORMATION_REQUEST')),
  category text not null check (category in ('ROADS_AND_TRANSPORT', 'WATER_AND_SANITATION', 'WASTE_AND_CLEANING', 'PUBLIC_SAFETY',
    'PARKS_AND_GREEN_AREAS', 'STREET_LIGHTING', 'SOCIAL_PROGRAMS', 'MARKETS_AND_COMMERCE', 'PROCEDURES_AND_TAXES', 'OTHER')),
  ubigeo char(6) not null check (ubigeo ~ '^1201[0-9]{2}$'),
  description text not null check (length(trim(description)) between 10 and 4000),
  work_id uuid,
  status text not null check (status in ('RECEIVED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'REJECTED')),
  assigned_department text check (assigned_department ~ '^[A-Z][A-Z0-9-]{1,15}$'),
  submitted_at timestamptz not null,
  due_on date not null,
  closed_at timestamptz,
  rejection_reason text,
  public_response text,
  updated_at timestamptz not null default now(),
  constraint request_assigned check (status = 'RECEIVED' or assigned_department is not null),
  constraint request_closed check ((status in ('RESOLVED', 'REJECTED')) = (closed_at is not null)),
  constraint request_rejection_reason check (status <> 'REJECTED' or coalesce(trim(rejection_reason), '') <> '')
);
create index citizen_request_ubigeo_idx on citizen_request (ubigeo);
create index citizen_request_department_idx on citizen_request (assigned_department, status);
create index citizen_request_work_idx on citizen_request (work_id) where work_id is not null;

-- Personal data of the submitter, apart from the request: never joined into public reads.
create table request_submitter (
  request_id uuid primary key references citizen_request (id) on delete cascade,
  full_name text,
  dni char(8) check (dni ~ '^[0-9]{8}$'),
  phone text check (phone ~ '^9[0-9]{8}$'),
  email text check (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$'),
  address text
);

create table request_event (
  id uuid primary key,
  request_id uuid not null references citizen_request (id) on delete cascade,
  at timestamptz not null,
  from_status text,
  to_status text not null,
  department text,
  note text
);
create index request_event_request_idx on request_event (request_id, at);

create table change_log (
  id uuid primary key,
  entity_type text not null check (entity_type in ('MEETING', 'AGREEMENT', 'FOLLOW_UP', 'REQUEST', 'ORGANIZATION')),
  entity_id uuid not null,
  at timestamptz not null default now(),
  action text not null,
  actor_kind text not null check (actor_kind in ('DEPARTMENT', 'CITIZEN', 'SYSTEM')),
  actor_department text,
  changes jsonb not null default '[]'
);
create index change_log_entity_idx on change_log (entity_type, entity_id, at);
`);
  }
}
