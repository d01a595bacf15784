import { ANONYMOUS, IdentityHeaderError, signIdentity, verifyIdentity } from '../src/identity.js';

const KEY = 'k'.repeat(40);
const official = { kind: 'official' as const, subject: 'ana', department: 'GOP' };

it('round-trips an official and reads no header as anonymous', () => {
  expect(verifyIdentity(signIdentity(official, KEY), KEY)).toEqual(official);
  expect(verifyIdentity(undefined, KEY)).toEqual(ANONYMOUS);
});

it.each([
  ['another key', () => signIdentity(official, 'x'.repeat(40))],
  ['a changed payload', () => {
    const [v, , s] = signIdentity(official, KEY).split('.');
    return `${v}.${Buffer.from(JSON.stringify({ ...official, department: 'GAF', iat: Math.floor(Date.now() / 1000) })).toString('base64url')}.${s}`;
  }],
  ['an old header', () => signIdentity(official, KEY, new Date(Date.now() - 10 * 60_000))],
  ['garbage', () => 'v1.nope'],
  ['an unknown version', () => signIdentity(official, KEY).replace(/^v1/, 'v2')],
])('refuses a header with %s', (_label, header) => {
  expect(() => verifyIdentity(header(), KEY)).toThrow(IdentityHeaderError);
});
