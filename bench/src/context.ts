/** What every workload gets: the run's settings, the platform, and a place to report. */
import type { Child } from './children.js';
import type { Database, Platform } from './platform.js';
import type { ProcessUsage } from './proc.js';
import type { Row } from './report.js';

export interface Settings {
  quick: boolean;
  /** Seconds of each HTTP measurement, after `warmupSeconds`. */
  seconds: number;
  warmupSeconds: number;
  /** Demo scale of the main platform (W1–W4, W6). */
  scale: number;
  concurrency: number[];
  /** W2: page sizes compared. */
  pages: number[];
  /** W3: interventions imported. */
  ingestRows: number;
  /** W4: subscriber counts, events per second and seconds of events at each count. */
  subscribers: number[];
  eventsPerSecond: number;
  eventSeconds: number;
  /** W5: demo scale of the portal build. */
  portalScale: number;
  /** W6: rows of the works dataset, and the seconds the export through the platform may take. */
  exportRows: number;
  exportSeconds: number;
  /** W7: also a second start on the data the first left (warm). */
  warmStart: boolean;
  /** The gateway's rate limiter (`--rate-limit off` to see what it costs). */
  rateLimit: boolean;
}

export interface Context {
  settings: Settings;
  /** A temporary folder for this run (removed at the end). */
  dir: string;
  db: Database;
  /** The main platform (scale `settings.scale`), started before the first workload that needs it. */
  platform(): Promise<Platform>;
  /** Hive Gateway on the main platform's subgraphs. */
  hive(): Promise<{ child: Child; url: string }>;
  /** An API key on the main platform's gateway for an agency (by acronym; the municipality when omitted). */
  apiKey(scope: 'interventions:write' | 'bulk:read', agency?: string): Promise<{ key: string; agencyId: string }>;
  /** Stops the main platform and Hive Gateway (before workloads that bring their own). */
  stopPlatform(): Promise<void>;
}

export interface Report {
  rows: Row[];
  detail: Record<string, unknown>;
  /** Processes to meter beside the standard ones (name → root pid; `tree` for process trees). */
  watch(name: string, pid: number | undefined, tree?: boolean): void;
  /** Runs at the end of the workload, whether it succeeded, failed or ran out of time. */
  defer(cleanup: () => Promise<unknown> | unknown): void;
  /** Fires when the workload's time bound has passed: stop starting new work. */
  signal: AbortSignal;
}

export type Meters = 'platform' | 'platform+hive' | 'own';

export interface Workload {
  id: string;
  title: string;
  /** Seconds after which the workload is abandoned and reported as failed. */
  bound(settings: Settings): number;
  /** Which processes to meter: the main platform's (and Hive's), or only what the workload watches itself. */
  meters: Meters | ((settings: Settings) => Meters);
  run(ctx: Context, report: Report): Promise<void>;
  /** Rows that need the meter's figures (peak memory goals), added once it has stopped. */
  afterMeter?(resources: Record<string, ProcessUsage>, report: Report, settings: Settings): void;
}
