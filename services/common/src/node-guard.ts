/**
 * Fails fast, with a message a person can act on, when a process runs on a Node older than the
 * project's. The machines have Node 20 system-wide; npm scripts get Node 24 from the `node`
 * devDependency, so a bare `node dist/main.js` in a shell is the usual way to hit this.
 */
export const REQUIRED_NODE_MAJOR = 24;

export function nodeVersionProblem(version: string = process.versions.node): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (Number.isFinite(major) && major >= REQUIRED_NODE_MAJOR) return undefined;
  return (
    `Articula needs Node ${REQUIRED_NODE_MAJOR} or newer, but this is Node ${version}. ` +
    `Run it through npm (npm start, npm test, npm run …), which uses the Node ${REQUIRED_NODE_MAJOR} ` +
    `installed in node_modules by the "node" package, or install Node ${REQUIRED_NODE_MAJOR} LTS.`
  );
}

export function assertNodeVersion(): void {
  const problem = nodeVersionProblem();
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
