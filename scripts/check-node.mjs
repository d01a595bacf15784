// Runs before npm scripts: fails with a clear message when npm did not put Node 24 first on PATH
// (for example after `npm install --ignore-scripts`, which skips the `node` package's install).
const required = 24;
const major = Number(process.versions.node.split('.')[0]);
if (major < required) {
  console.error(
    `Articula needs Node ${required}; this is Node ${process.versions.node}. ` +
      `Run "npm install" (it installs Node ${required} into node_modules through the "node" package) and use npm scripts.`,
  );
  process.exit(1);
}
