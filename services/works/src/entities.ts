import { AgencyEntity } from './modules/agency/agency.entity.js';
import { DepartmentEntity } from './modules/department/department.entity.js';
import { DistrictEntity } from './modules/district/district.entity.js';
import { ProgressReportEntity } from './modules/work/progress-report.entity.js';
import { WorkChangeEntity } from './modules/work/work-change.entity.js';
import { WorkEntity } from './modules/work/work.entity.js';

export const entities = [DistrictEntity, AgencyEntity, DepartmentEntity, WorkEntity, ProgressReportEntity, WorkChangeEntity];
export const SCHEMA = 'works';
