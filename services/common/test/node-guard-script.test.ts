/** The guard that runs before npm scripts fails loudly on a Node older than 24, and passes on 24. */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const script = new URL('../../../scripts/check-node.mjs', import.meta.url).pathname;
// The Node running the tests (24, from the node package) and the machine's own, when present.
const binaries = [process.execPath, '/usr/bin/node', '/usr/local/bin/node'].filter((b, i, all) => existsSync(b) && all.indexOf(b) === i);

it.each(binaries)('gives the right verdict for %s', (binary) => {
  const major = Number(execFileSync(binary, ['-p', 'process.versions.node.split(".")[0]'], { encoding: 'utf8' }).trim());
  const run = spawnSync(binary, [script], { encoding: 'utf8' });
  if (major >= 24) {
    expect(run.status).toBe(0);
  } else {
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/needs Node 24.*npm install/);
  }
});
