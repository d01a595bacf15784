/**
 * Prints a bearer token for local use: npm run token -- --department GOP [--subject name] [--hours 8]
 */
import { parseArgs } from 'node:util';
import { parseEnv } from '@articula/common';
import { issueOfficialToken } from '../auth.js';
import { tokenSecretShape } from '../env.js';

const { values } = parseArgs({
  options: { department: { type: 'string' }, subject: { type: 'string', default: 'local-official' }, hours: { type: 'string', default: '8' } },
});
if (!values.department || !/^[A-Z][A-Z0-9-]{1,15}$/.test(values.department)) {
  process.stderr.write('Usage: npm run token -- --department <CODE> [--subject <who>] [--hours <n>]   (e.g. --department GOP)\n');
  process.exit(2);
}
const env = parseEnv(tokenSecretShape);
process.stdout.write(`${await issueOfficialToken(env.AUTH_TOKEN_SECRET, values.department, values.subject!, Number(values.hours) * 3600)}\n`);
