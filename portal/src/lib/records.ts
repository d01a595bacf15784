/**
 * The records of the published datasets, as the data step writes them to the JSON files and as the
 * pages read them back. Keys are snake_case (as in the CSV headers); amounts in soles are decimal
 * strings with two decimals ("1234.50"), dates are 'YYYY-MM-DD', instants are ISO 8601 in UTC.
 * Nothing here names a citizen: no submitter, no representative, no participating agent.
 */

export type GovernmentLevel = 'NATIONAL' | 'REGIONAL' | 'LOCAL' | 'PRIVATE';

export interface WorkRecord {
  id: string;
  cui: string | null;
  infobras_code: string | null;
  title: string;
  description: string;
  /** WORK | PROJECT | ACTIVITY | ACTION */
  kind: string;
  /** Sector enum of the API, e.g. TRANSPORT, SANITATION, EDUCATION, HEALTH, AGRICULTURE … */
  sector: string;
  /** PLANNED | IN_PREPARATION | IN_EXECUTION | SUSPENDED | COMPLETED | CANCELLED */
  status: string;
  suspension_reason: string | null;
  executor_id: string;
  executor_name: string;
  executor_level: GovernmentLevel;
  department_code: string | null;
  department_name: string | null;
  district_ubigeos: string[];
  district_names: string[];
  latitude: number | null;
  longitude: number | null;
  planned_start: string | null;
  planned_end: string | null;
  actual_start: string | null;
  actual_end: string | null;
  investment_cost: string | null;
  contract_amount: string | null;
  /** Only legal entities (RUC starting 20): a natural person's name and RUC (which contains the DNI) are left out. */
  contractor_name: string | null;
  contractor_ruc: string | null;
  /** Percent, 0–100. */
  physical_progress: number;
  /** Percent of the investment cost accrued, 0–100; null without a cost or budget lines. */
  financial_progress: number | null;
  /** physical − financial, percentage points. */
  progress_gap: number | null;
  delayed: boolean;
  created_at: string;
  updated_at: string;
  progress_reports: Array<{ date: string; physical_progress: number; note: string | null }>;
  history: Array<{ at: string; action: string; actor: string; changes: Array<{ field: string; from: string | null; to: string | null }> }>;
  agreement_ids: string[];
  origin_proposal_id: string | null;
}
