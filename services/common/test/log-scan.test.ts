/** The scan `npm test` runs over a whole run's logs: it must find each kind of leak, and not cry wolf at identifiers and times. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scanLogDirectory, scanLogText } from '../src/index.js';

it('finds DNIs, mobiles, e-mails, tokens and API keys, and masks them in its report', () => {
  const leaks = [
    '{"msg":"x","dni":"45871236"}',
    '{"msg":"x","detail":"call 987654321"}',
    '{"msg":"x","detail":"from vecina@example.pe"}',
    '{"msg":"x","auth":"Bearer abcdefghijklmnop"}',
    '{"msg":"x","token":"eyJhbGciOiJIUzI1NiJ9.eyJraW5kIjoib2ZmaWNpYWwifQ.sig"}',
    '{"msg":"x","key":"artk_0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"}',
  ];
  const findings = scanLogText(leaks.join('\n'));
  expect(findings.map((f) => [f.line, f.kind])).toEqual([[1, 'dni'], [2, 'phone'], [3, 'email'], [4, 'token'], [5, 'token'], [6, 'api-key']]);
  expect(JSON.stringify(findings)).not.toContain('45871236');
});

it('lets identifiers, times, amounts, UBIGEO codes, key prefixes and redactions through', () => {
  const clean = [
    '{"time":"2026-11-24T06:18:36.865Z","level":"info","msg":"seeded","works":640,"requestId":"12345678-1234-4abc-8def-123456789012"}',
    '{"msg":"key used","keyPrefix":"artk_0123456789","ubigeo":"120101","amount":1234567.89,"detail":"[redacted] and Bearer [redacted]"}',
  ];
  expect(scanLogText(clean.join('\n'))).toEqual([]);
});

it('reads every process’s file of a directory', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'articula-logs-'));
  try {
    await writeFile(path.join(dir, '1.jsonl'), '{"msg":"ok"}\n{"msg":"leak","email":"a@b.pe"}\n');
    const scanned = scanLogDirectory(dir);
    expect(scanned).toMatchObject({ files: 1, lines: 2, findings: [{ file: '1.jsonl', line: 2, kind: 'email' }] });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
