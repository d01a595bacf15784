/**
 * The rules a work must satisfy, checked before anything is written. All problems are collected
 * (field and reason each), so an official fixes a form in one round trip.
 */
import { InputProblems, isCalendarDate } from '@articula/common';
import { districtAt } from '../district/province-geometry.js';
import { type Sector, type WorkKind } from './work.enums.js';

export interface WorkDraft {
  kind: WorkKind;
  cui: string | null;
  infobrasCode: string | null;
  title: string;
  description: string;
  sector: Sector;
  districts: string[];
  latitude: number | null;
  longitude: number | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  investmentCost: string | null;
  contractAmount: string | null;
  contractorName: string | null;
  contractorRuc: string | null;
}

const RUC_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** SUNAT RUC: 11 digits, a taxpayer-type prefix, and a mod-11 check digit. */
export function isValidRuc(ruc: string): boolean {
  if (!/^(10|15|17|20)\d{9}$/.test(ruc)) return false;
  const sum = RUC_WEIGHTS.reduce((s, w, i) => s + w * Number(ruc[i]), 0);
  const check = (11 - (sum % 11)) % 10;
  return check === Number(ruc[10]);
}

export function validateWorkDraft(draft: WorkDraft, problems: InputProblems, knownDistricts: ReadonlySet<string>, today: string): void {
  const title = draft.title.trim();
  problems.check(title.length >= 3 && title.length <= 500, 'title', 'must be between 3 and 500 characters');
  problems.check(draft.description.length <= 5000, 'description', 'must be at most 5000 characters');
  if (draft.cui !== null) problems.check(/^\d{7}$/.test(draft.cui), 'cui', 'must be exactly 7 digits (Código Único de Inversiones)');
  if (draft.infobrasCode !== null) problems.check(/^\d{1,10}$/.test(draft.infobrasCode), 'infobrasCode', 'must be up to 10 digits');

  if (draft.districts.length === 0) problems.add('districts', 'must name at least one district');
  if (new Set(draft.districts).size !== draft.districts.length) problems.add('districts', 'names a district twice');
  draft.districts.forEach((ubigeo, i) => {
    if (!knownDistricts.has(ubigeo)) problems.add(`districts[${i}]`, `${JSON.stringify(ubigeo)} is not the UBIGEO of a district of the province of Huancayo`);
  });

  if (draft.latitude !== null && draft.longitude !== null) {
    const inside = Number.isFinite(draft.latitude) && Number.isFinite(draft.longitude) && districtAt(draft.latitude, draft.longitude) !== undefined;
    problems.check(inside, 'location', 'must be a point inside the province of Huancayo');
  }

  for (const field of ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd'] as const) {
    const value = draft[field];
    if (value !== null && !isCalendarDate(value)) problems.add(field, 'must be a date YYYY-MM-DD');
  }
  if (draft.plannedStart && draft.plannedEnd) problems.check(draft.plannedEnd >= draft.plannedStart, 'plannedEnd', 'must not be before plannedStart');
  if (draft.actualStart && draft.actualEnd) problems.check(draft.actualEnd >= draft.actualStart, 'actualEnd', 'must not be before actualStart');
  if (draft.actualStart) problems.check(draft.actualStart <= today, 'actualStart', 'cannot be in the future');
  if (draft.actualEnd) problems.check(draft.actualEnd <= today, 'actualEnd', 'cannot be in the future');

  if (draft.investmentCost !== null) problems.check(!draft.investmentCost.startsWith('-'), 'investmentCost', 'cannot be negative');
  if (draft.contractAmount !== null) problems.check(!draft.contractAmount.startsWith('-'), 'contractAmount', 'cannot be negative');

  if (draft.contractorName !== null) problems.check(draft.contractorName.trim().length >= 2, 'contractor.name', 'must not be empty');
  if (draft.contractorRuc !== null) problems.check(isValidRuc(draft.contractorRuc), 'contractor.ruc', 'must be a valid RUC: 11 digits starting with 10, 15, 17 or 20, with a correct check digit');
}
