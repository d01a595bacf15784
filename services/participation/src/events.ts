/**
 * What the participation subgraph announces after a write, through PostgreSQL NOTIFY inside the
 * writing transaction (so a rolled-back or refused write announces nothing). Events carry
 * identifiers and the few attributes subscriptions filter on; never a submitter's personal data,
 * never texts: subscribers reload what they show through the public read models.
 */
import { type EntityManager, publishEvent } from '@articula/common';
import type { AgreementChangeKind, RequestStatus } from './enums.js';

/** One NOTIFY channel serves every subgraph on the database: topics are unique across them. */
export const TOPICS = {
  agreementChanged: 'agreement.changed',
  requestStatusChanged: 'request.status_changed',
} as const;

type Tx = Pick<EntityManager, 'execute'>;

/** What an agreement event says; the responsible department's code and the meeting's district UBIGEO are what subscribers filter on. */
export type AgreementChange = { agreementId: string; change: AgreementChangeKind; department: string; district: string };
export type AgreementChangedEvent = AgreementChange & { topic: typeof TOPICS.agreementChanged; at: string };

/** `department`: the department the request is assigned to after the move (officials' private subscription filters on it). */
export type RequestStatusChange = { requestId: string; trackingCode: string; status: RequestStatus; department: string | null };
export type RequestStatusChangedEvent = RequestStatusChange & { topic: typeof TOPICS.requestStatusChanged; at: string };

export function publishAgreementChanged(tx: Tx, change: AgreementChange, at: Date): Promise<void> {
  return publishEvent(tx, { topic: TOPICS.agreementChanged, ...change, at: at.toISOString() });
}

export function publishRequestStatusChanged(tx: Tx, change: RequestStatusChange, at: Date): Promise<void> {
  return publishEvent(tx, { topic: TOPICS.requestStatusChanged, ...change, at: at.toISOString() });
}
