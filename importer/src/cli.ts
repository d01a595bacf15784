#!/usr/bin/env node
/**
 * npm run import -- --file obras.csv [--key artk_…] [--url http://127.0.0.1:4000/graphql] [--batch 250] [--parallel 2] [--restart] [--json]
 * Sends an agency's interventions through the API; resumes where an interrupted run stopped.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ImportError, type Progress, runImport } from './run.js';

const USAGE = `Usage: npm run import -- --file <obras.csv|.json|.jsonl> [--key <artk_…>] [--url <gateway>] [--batch 1-250] [--parallel 1-4] [--restart] [--json]
  --key      the agency's API key (or ARTICULA_API_KEY)
  --url      the GraphQL endpoint (or GATEWAY_URL; default http://127.0.0.1:4000/graphql)
  --parallel batches in flight at once (default 2); rows are still written in the file's order
  --restart  ignore an interrupted run's state and start from the first row
  --json     print the final report as JSON`;

const { values } = parseArgs({
  options: {
    file: { type: 'string' }, key: { type: 'string' }, url: { type: 'string' }, batch: { type: 'string', default: '250' }, parallel: { type: 'string', default: '2' },
    restart: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false },
  },
});
if (values.help || !values.file) {
  process.stderr.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}
const key = values.key ?? process.env.ARTICULA_API_KEY;
if (!key) {
  process.stderr.write('An API key is needed: --key artk_… or ARTICULA_API_KEY.\n');
  process.exit(2);
}
const url = values.url ?? process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000/graphql';
// `npm run import` runs in the importer's folder; a relative path means the folder the user typed it in.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.file);
const number = new Intl.NumberFormat('es-PE');
const tty = process.stderr.isTTY;
let lastLine = 0;

function progress(p: Progress) {
  const share = p.totalRows ? Math.min(1, p.rowsDone / p.totalRows) : 1;
  const width = 30;
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  const line = `${(share * 100).toFixed(0).padStart(3)}% [${bar}] ${number.format(p.rowsDone)}/${number.format(p.totalRows)} filas · ${number.format(Math.round(p.rowsPerSecond))} filas/s · creadas ${number.format(p.created)} · actualizadas ${number.format(p.updated)} · sin cambios ${number.format(p.unchanged)} · rechazadas ${number.format(p.rejected)}`;
  if (p.waitingSeconds !== undefined) {
    process.stderr.write(`${tty ? '\r' : ''}${line} · límite de envíos alcanzado: espera ${p.waitingSeconds} s${tty ? '' : '\n'}`);
    return;
  }
  if (tty) process.stderr.write(`\r${line}`);
  else if (Date.now() - lastLine > 2000 || share === 1) {
    // Without a terminal (a log file, CI): a line every two seconds, not a flood of carriage returns.
    process.stderr.write(`${line}\n`);
    lastLine = Date.now();
  }
}

try {
  const report = await runImport({ file, url, key, batchSize: Number(values.batch), parallel: Number(values.parallel), restart: values.restart, onProgress: progress });
  if (tty) process.stderr.write('\n');
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    process.stdout.write([
      `Importación de ${path.basename(file)} terminada${report.resumedFromRow ? ` (continuó desde la fila ${number.format(report.resumedFromRow)})` : ''}:`,
      `  filas                ${number.format(report.totalRows)}`,
      `  creadas              ${number.format(report.created)}`,
      `  actualizadas         ${number.format(report.updated)}`,
      `  sin cambios          ${number.format(report.unchanged)}`,
      `  rechazadas           ${number.format(report.rejected)}${report.rejectedFile ? `  (motivos en ${report.rejectedFile})` : ''}`,
      `  tiempo               ${report.seconds.toFixed(1)} s (${number.format(Math.round(report.rowsPerSecond))} filas/s)`,
      '',
    ].join('\n'));
  }
} catch (error) {
  if (tty) process.stderr.write('\n');
  const message = error instanceof ImportError ? error.message : `stopped: ${(error as Error).message}. Run the same command again to resume.`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
