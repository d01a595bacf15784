/** The portal's settings, from the environment, with local defaults (all optional). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PORTAL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface PortalConfig {
  gatewayUrl: string;
  /** The API address journalists are shown (the public gateway's), when it differs from where the data step reads. */
  apiUrl: string;
  /** Where the data step writes (its `public/` becomes the site's static folder). */
  workDir: string;
  /** Where the built site goes. */
  outDir: string;
  /** Public base URL of the site, ending in '/': catalog IRIs and canonical links are built on it. */
  siteUrl: string;
  licence: { id: string; title: string; url: string };
  contactEmail: string;
  /** An API key of scope bulk:read for the data step (PORTAL_API_KEY); without one it reads anonymously, in smaller pages. */
  apiKey?: string;
}

const LICENCES: Record<string, { title: string; url: string }> = {
  'CC-BY-4.0': { title: 'Creative Commons Atribución 4.0 Internacional', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'CC0-1.0': { title: 'Creative Commons CC0 1.0 Universal (dominio público)', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'ODbL-1.0': { title: 'Open Database License 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
  'CC-BY-SA-4.0': { title: 'Creative Commons Atribución-CompartirIgual 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
};

export function portalConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const licenceId = env.PORTAL_LICENSE || 'CC-BY-4.0';
  const licence = LICENCES[licenceId];
  if (!licence) throw new Error(`PORTAL_LICENSE must be one of ${Object.keys(LICENCES).join(', ')} (got ${licenceId})`);
  let siteUrl = env.PORTAL_SITE_URL || `http://127.0.0.1:${env.PORTAL_PORT || '4321'}/`;
  if (!siteUrl.endsWith('/')) siteUrl += '/';
  new URL(siteUrl); // throws on a malformed URL, before any work
  const gatewayUrl = env.GATEWAY_URL || `http://127.0.0.1:${env.GATEWAY_PORT || '4000'}/graphql`;
  return {
    gatewayUrl,
    apiUrl: env.PORTAL_API_URL || gatewayUrl,
    workDir: path.resolve(env.PORTAL_WORK_DIR || path.join(PORTAL_ROOT, '.build')),
    outDir: path.resolve(env.PORTAL_OUT_DIR || path.join(PORTAL_ROOT, 'dist')),
    siteUrl,
    licence: { id: licenceId, ...licence },
    contactEmail: env.PORTAL_CONTACT_EMAIL || 'transparencia@munihuancayo.gob.pe',
    apiKey: env.PORTAL_API_KEY || undefined,
  };
}
