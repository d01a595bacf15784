/**
 * Agreements fall overdue when their due date passes without fulfilment, a moment at which nobody
 * writes anything, so no mutation can announce it. The ticker looks for them when the service
 * starts and then every interval, and announces each one once (OVERDUE on agreementChanged).
 *
 * Once across instances: each round claims its agreements with one UPDATE of
 * `overdue_notified_on` (null → today) and publishes their events in the same transaction. Two
 * instances racing over a row cannot both claim it (the loser skips the row it finds locked, or
 * re-reads it as already claimed), and a round that fails rolls back its claims together with its
 * events, so the next round retries them.
 */
import { type EntityManager, type Logger, type MikroORM, redactPersonalData, todayInPeru } from '@articula/common';
import { AgreementChangeKind } from '../../enums.js';
import { publishAgreementChanged } from '../../events.js';

export interface OverdueRoundOptions {
  /** Peru's date the round runs as (default: today). */
  today?: string;
  /** Agreements claimed per transaction: bounds one transaction's locks and burst of events. */
  batch?: number;
}

/** Claims and announces the agreements that became overdue; returns how many. */
export async function announceOverdueAgreements(em: EntityManager, { today = todayInPeru(), batch = 500 }: OverdueRoundOptions = {}): Promise<number> {
  let total = 0;
  for (;;) {
    const claimed = await em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string; department: string; district: string }[]>(
        `update agreement a set overdue_notified_on = ?::date
           from meeting m,
                (select id from agreement where status in ('PENDING', 'IN_PROGRESS') and due_date < ?::date and overdue_notified_on is null
                  order by due_date, id limit ? for update skip locked) due
          where a.id = due.id and m.id = a.meeting_id and a.overdue_notified_on is null
          returning a.id::text as id, a.responsible_department as department, m.ubigeo::text as district`,
        [today, today, batch],
      );
      const at = new Date();
      for (const r of rows) {
        await publishAgreementChanged(tx, { agreementId: r.id, change: AgreementChangeKind.OVERDUE, department: r.department, district: r.district }, at);
      }
      return rows.length;
    });
    total += claimed;
    if (claimed < batch) return total;
  }
}

export interface OverdueTicker {
  /** Stops the timer and waits for a round under way, so the ORM can close after it. */
  stop(): Promise<void>;
}

/** Runs a round now and then every `intervalMs` after the previous one ended (rounds never overlap). */
export function startOverdueTicker(orm: MikroORM, options: { intervalMs: number; logger: Logger }): OverdueTicker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const round = async () => {
    try {
      const announced = await announceOverdueAgreements(orm.em.fork() as EntityManager);
      if (announced) options.logger.info('overdue agreements announced', { count: announced });
    } catch (error) {
      // The claims rolled back with the failure: the next round picks the same agreements up.
      options.logger.error('overdue round failed', { error: redactPersonalData(error instanceof Error ? error.message : String(error)) });
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(schedule);
    }, options.intervalMs);
    // The HTTP server keeps the process alive; the ticker alone must not.
    timer.unref();
  };
  running = round().then(schedule);

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
