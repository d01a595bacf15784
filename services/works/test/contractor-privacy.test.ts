/**
 * A natural person as contractor: their RUC contains their DNI, so their name and RUC reach
 * officials only, on the work and in its history; a company's are public, as SEACE publishes them.
 */
import type { Identity } from '@articula/common';
import { type WorksHarness, startWorksHarness } from './harness.js';

let h: WorksHarness;
let workIds: string[];
beforeAll(async () => {
  h = await startWorksHarness();
  workIds = (await h.sql(`select w.id::text as id from work w join department d on d.id = w.department_id where d.code = 'GOP' order by w.id limit 2`)).map((r) => r.id);
});
afterAll(() => h?.stop());

/** A RUC with SUNAT's check digit. */
function ruc(first10: string): string {
  const sum = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((s, w, i) => s + w * Number(first10[i]), 0);
  const digit = 11 - (sum % 11);
  return `${first10}${digit === 10 ? 0 : digit === 11 ? 1 : digit}`;
}
const PERSON = { name: 'Juan Quispe Huamán', ruc: ruc('1041234567') };
const COMPANY = { name: 'Constructora Andina S.A.C.', ruc: ruc('2051234567') };

const UPDATE = `mutation($id: ID!, $input: UpdateWorkInput!) { updateWork(id: $id, input: $input) { id } }`;
const READ = `query($id: ID!) { work(id: $id) { contractor { name ruc } history(first: 100) { changes { field from to } } } }`;

async function setContractor(id: string, contractor: { name: string; ruc: string }) {
  const r = await h.query(UPDATE, { id, input: { contractor } }, h.official('GOP'));
  expect(r.body.errors).toBeUndefined();
}
async function read(id: string, identity?: Identity) {
  const r = await h.query(READ, { id }, identity);
  expect(r.body.errors).toBeUndefined();
  const work = r.body.data.work as { contractor: { name: string; ruc: string } | null; history: { changes: { field: string; from: string | null; to: string | null }[] }[] };
  return { contractor: work.contractor, contractorChanges: work.history.flatMap((e) => e.changes).filter((c) => c.field.startsWith('contractor')) };
}

it('shows a natural person to officials only, on the work and in its history, even after a company replaces them', async () => {
  const [id] = workIds;
  await setContractor(id!, PERSON);
  const anonymous = await read(id!);
  expect(anonymous).toEqual({ contractor: null, contractorChanges: [] });
  expect(JSON.stringify(anonymous)).not.toContain(PERSON.ruc.slice(2, 10)); // the DNI inside the RUC

  const official = await read(id!, h.official('GOP'));
  expect(official.contractor).toEqual(PERSON);
  expect(official.contractorChanges.map((c) => [c.field, c.to])).toContainEqual(['contractorRuc', JSON.stringify(PERSON.ruc)]);

  // A company takes over: it is public now, but the history still keeps the person to officials.
  await setContractor(id!, COMPANY);
  const later = await read(id!);
  expect(later.contractor).toEqual(COMPANY);
  expect(later.contractorChanges).toEqual([]);
  expect(JSON.stringify(later)).not.toContain(PERSON.name);
  expect((await read(id!, h.official('GOP'))).contractorChanges.map((c) => c.to)).toEqual(expect.arrayContaining([JSON.stringify(PERSON.ruc), JSON.stringify(COMPANY.ruc)]));
});

it('keeps a company public, with its history', async () => {
  const [, id] = workIds;
  await setContractor(id!, COMPANY);
  const anonymous = await read(id!);
  expect(anonymous.contractor).toEqual(COMPANY);
  expect(anonymous.contractorChanges.map((c) => [c.field, c.to])).toContainEqual(['contractorRuc', JSON.stringify(COMPANY.ruc)]);
});
