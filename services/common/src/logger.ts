/**
 * Structured JSON logs on stderr. Callers pass identifiers, never personal data, tokens or keys;
 * free text that may carry them (an error's message: the ORM inlines values into its SQL) goes
 * through redactPersonalData first. With ARTICULA_LOG_DIR set, every line is also appended to
 * `<dir>/<pid>.jsonl`: `npm test` collects a whole run's logs there and scans them (log-scan.ts).
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** What the redactor and the log scan (log-scan.ts) both look for; a UUID's digits are neither. */
export const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
export const MOBILE_PATTERN = /(?<![\d.])9\d{8}(?![\d.])/g;
export const DNI_PATTERN = /(?<![\d.])\d{8}(?![\d.])/g;
const PERSONAL = [
  /[^\s@'"(),;]+@[^\s@'"(),;]+\.[a-z]{2,}/gi, // e-mail
  MOBILE_PATTERN,
  DNI_PATTERN,
  /Bearer\s+\S+/gi, // tokens
];

/** Replaces e-mails, phone numbers, DNI-like numbers and bearer tokens in free text; UUIDs are kept. */
export function redactPersonalData(text: string): string {
  const uuids: string[] = [];
  let out = text.replace(UUID_PATTERN, (u) => `\u0000${uuids.push(u) - 1}\u0000`);
  for (const pattern of PERSONAL) out = out.replace(pattern, '[redacted]');
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i) => uuids[Number(i)]!);
}
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof levels;

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export function createLogger(
  base: Record<string, unknown> = {},
  level: LogLevel = (process.env.LOG_LEVEL as LogLevel) ?? 'info',
): Logger {
  const min = levels[level] ?? levels.info;
  const emit = (lvl: Exclude<LogLevel, 'silent'>, msg: string, fields?: Record<string, unknown>) => {
    if (levels[lvl] < min) return;
    const line = `${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...base, ...fields })}\n`;
    process.stderr.write(line);
    const file = collectedLogFile();
    if (file) appendFileSync(file, line);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, level),
  };
}

let collected: string | null | undefined;
/** Where this process copies its log lines (ARTICULA_LOG_DIR), or null. */
function collectedLogFile(): string | null {
  if (collected === undefined) {
    const dir = process.env.ARTICULA_LOG_DIR;
    collected = dir ? path.join(dir, `${process.pid}.jsonl`) : null;
    if (dir) mkdirSync(dir, { recursive: true });
  }
  return collected;
}
