import { redactPersonalData } from '../src/logger.js';

it('redacts e-mails, mobiles, DNIs and tokens, and keeps UUIDs, dates and amounts', () => {
  const text = `insert into "request_submitter" values ('0b1d6a36-5d54-5c5e-9a7e-12345678abcd', 'Rosa', '41234567', '964123456', 'rosa.q@gmail.com') at 2026-11-24T02:08:14Z cost 1250000.50 Bearer eyJhbGciOi.x.y`;
  const out = redactPersonalData(text);
  expect(out).not.toMatch(/41234567|964123456|rosa\.q@gmail\.com|eyJhbGciOi/);
  expect(out).toContain('0b1d6a36-5d54-5c5e-9a7e-12345678abcd');
  expect(out).toContain('2026-11-24T02:08:14Z');
  expect(out).toContain('1250000.50');
  expect(out.match(/\[redacted\]/g)).toHaveLength(4);
});
