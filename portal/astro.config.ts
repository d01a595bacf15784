// The portal is a static site: every page is HTML at build time, made from the exported datasets.
// Stylesheets are inlined (one request for a page on a slow link) and no page needs JavaScript.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  site: process.env.PORTAL_SITE_URL || 'http://127.0.0.1:4321/',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  // Astro's runtime needs cookie 2, but express elsewhere in the workspace hoists cookie 0.7 to the
  // root node_modules; bundling it into the prerender chunk keeps the build independent of hoisting.
  vite: { ssr: { noExternal: ['cookie'] }, environments: { prerender: { resolve: { noExternal: ['cookie'] } } } } as never,
});
