// `npm test`'s second half: every package's tests, one package at a time, with every process's
// log lines collected in .test-logs/ (ARTICULA_LOG_DIR); then those logs are scanned for personal
// data, tokens and keys (services/common/src/log-scan.ts). A leak fails the run like a failed test.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const logDir = path.join(root, '.test-logs');
rmSync(logDir, { recursive: true, force: true });

const turbo = path.join(root, 'node_modules/.bin/turbo');
const run = spawnSync(turbo, ['run', 'test', '--concurrency=1', ...process.argv.slice(2)], {
  cwd: root, stdio: 'inherit', env: { ...process.env, ARTICULA_LOG_DIR: logDir },
});
if (run.status !== 0) process.exit(run.status ?? 1);

const { scanLogDirectory } = await import('@articula/common');
let scanned;
try {
  scanned = scanLogDirectory(logDir);
} catch {
  scanned = { files: 0, lines: 0, findings: [] };
}
if (scanned.lines === 0) {
  console.error(`Log scan: no log lines were collected in ${logDir}; the scan would prove nothing.`);
  process.exit(1);
}
if (scanned.findings.length > 0) {
  console.error(`Log scan: ${scanned.findings.length} finding(s) of personal data, tokens or keys in ${scanned.lines} log lines:`);
  for (const f of scanned.findings.slice(0, 20)) console.error(`  ${f.file}:${f.line} ${f.kind} ${f.excerpt}`);
  process.exit(1);
}
console.log(`Log scan: ${scanned.lines} log lines from ${scanned.files} processes, no DNI, phone, e-mail, token or key.`);
