/**
 * Finds what must never be in a log: citizens' DNI, mobile numbers and e-mail addresses, bearer
 * tokens (JWTs) and API keys (the public `artk_<id>` prefix alone is allowed: it names a key
 * without opening it). `npm test` runs the whole suite with ARTICULA_LOG_DIR set and then scans
 * every line every process logged (scripts/test.mjs).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DNI_PATTERN, MOBILE_PATTERN, UUID_PATTERN } from './logger.js';

export interface LogFinding {
  file: string;
  line: number;
  kind: 'dni' | 'phone' | 'email' | 'token' | 'api-key';
  /** The match with its middle masked, so that the report does not repeat the leak. */
  excerpt: string;
}

const PATTERNS: Array<[LogFinding['kind'], RegExp]> = [
  ['api-key', /artk_[a-z0-9]{10}_[A-Za-z0-9_-]{20,}/g],
  ['token', /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g],
  ['token', /Bearer\s+(?!\[redacted\])[A-Za-z0-9._~+/-]{8,}/gi],
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[a-z]{2,}/gi],
  ['phone', MOBILE_PATTERN],
  ['dni', DNI_PATTERN],
];

const mask = (s: string) => (s.length <= 4 ? '****' : `${s.slice(0, 2)}${'*'.repeat(s.length - 4)}${s.slice(-2)}`);

/** Findings in one log text (UUIDs and ISO timestamps are not numbers to worry about). */
export function scanLogText(text: string, file = '<text>'): LogFinding[] {
  const findings: LogFinding[] = [];
  text.split('\n').forEach((raw, index) => {
    let line = raw.replace(UUID_PATTERN, '<uuid>');
    for (const [kind, pattern] of PATTERNS) {
      line = line.replace(pattern, (match) => {
        findings.push({ file, line: index + 1, kind, excerpt: mask(match) });
        return '<found>';
      });
    }
  });
  return findings;
}

/** Every `*.jsonl` file of a directory: how many lines were read and what was found. */
export function scanLogDirectory(dir: string): { files: number; lines: number; findings: LogFinding[] } {
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  let lines = 0;
  const findings: LogFinding[] = [];
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    lines += text.split('\n').filter(Boolean).length;
    findings.push(...scanLogText(text, file));
  }
  return { files: files.length, lines, findings };
}
