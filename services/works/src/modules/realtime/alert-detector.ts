/**
 * Finds the coordination alerts that new or changed works raise, after their write has committed,
 * in the background and in its own short transaction. Kept off the write path on purpose: finding
 * coinciding works means walking every work of the same districts, which in a crowded province
 * costs far more than the write itself (measured: 2 s per 250-item batch with 100,000 works in the
 * same districts, which cut an agency's import from ~3,100 to ~230 rows/s). Writes only queue ids;
 * one detection runs at a time over whatever has queued (coalesced), each bounded by a statement
 * timeout, and the queue is bounded too: past it, ids are dropped and counted, never buffered
 * without limit. Like the events themselves, alerts are at most once.
 */
import type { EntityManager, Logger } from '@articula/common';
import { publishAlertsRaised } from './work.events.js';

export interface AlertDetectorOptions {
  maxPending?: number;
  batch?: number;
  statementTimeoutMs?: number;
}

export class AlertDetector {
  private readonly pending = new Set<string>();
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Works whose detection was skipped (queue full or a detection timed out). */
  dropped = 0;

  constructor(
    private readonly em: () => EntityManager,
    private readonly logger: Logger,
    private readonly options: AlertDetectorOptions = {},
  ) {}

  /** Queues works for detection once the caller's transaction has committed. */
  schedule(workIds: string[]): void {
    if (this.stopped) return;
    const max = this.options.maxPending ?? 10_000;
    for (const id of workIds) {
      if (this.pending.size >= max && !this.pending.has(id)) this.dropped++;
      else this.pending.add(id);
    }
    if (!this.running && this.pending.size > 0) {
      this.running = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.drain()).finally(() => {
        this.running = null;
        if (this.pending.size > 0 && !this.stopped) this.schedule([]);
      });
    }
  }

  /** Resolves when nothing is queued or running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.clear();
    await this.running;
  }

  private async drain(): Promise<void> {
    const size = this.options.batch ?? 500;
    while (this.pending.size > 0 && !this.stopped) {
      const batch = [...this.pending].slice(0, size);
      for (const id of batch) this.pending.delete(id);
      try {
        await this.em().transactional(async (tx) => {
          await tx.execute(`set local statement_timeout = ${Math.max(100, Math.floor(this.options.statementTimeoutMs ?? 2_000))}`, []);
          await publishAlertsRaised(tx, batch);
        });
      } catch (error) {
        this.dropped += batch.length;
        this.logger.warn('coordination alert detection skipped', { works: batch.length, reason: (error as Error).message.slice(0, 200) });
      }
    }
  }
}
