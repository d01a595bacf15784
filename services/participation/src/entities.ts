import { AgreementEntity, FollowUpEntity } from './modules/agreement/agreement.entity.js';
import { ChangeLogEntity } from './modules/history/change-log.entity.js';
import { MeetingEntity } from './modules/meeting/meeting.entity.js';
import { OrganizationEntity } from './modules/organization/organization.entity.js';
import { CitizenRequestEntity, RequestEventEntity, RequestSubmitterEntity } from './modules/request/request.entity.js';

export const entities = [OrganizationEntity, MeetingEntity, AgreementEntity, FollowUpEntity, CitizenRequestEntity, RequestSubmitterEntity, RequestEventEntity, ChangeLogEntity];
export const SCHEMA = 'participation';
