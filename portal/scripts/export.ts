// The data step alone: asks the gateway for everything public and writes the open datasets and
// their catalog into PORTAL_WORK_DIR/public/datos/. `npm run site` runs it before building pages.
import { exportData } from '../src/lib/export/run.ts';
import { portalConfig } from '../src/lib/export/config.ts';

try {
  await exportData(portalConfig());
} catch (error) {
  console.error(`portal export failed: ${(error as Error).message}`);
  process.exit(1);
}
