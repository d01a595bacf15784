/**
 * Owns what may enter the markup from outside: text and attribute escaping, link targets and id
 * prefixes. Every string a caller hands us passes through here before it becomes SVG.
 */

/** Characters XML 1.0 forbids even when escaped; a label pasted from a spreadsheet may carry them. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for use both as element content and inside a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return String(text)
    .replace(FORBIDDEN, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

const SAFE_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Returns the link target escaped for an attribute. Only relative URLs and http(s)/mailto pass:
 * a `javascript:` or `data:` target would turn a static chart into an injection point.
 */
export function safeHref(url: string): string {
  const scheme = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (scheme && !SAFE_SCHEMES.has(scheme[1].toLowerCase())) {
    throw new Error(`Enlace no permitido en un gráfico: ${url}`);
  }
  return escapeXml(url);
}

/** Ids end up in `aria-labelledby` and `href="#…"`, so the prefix must be a plain XML name. */
export function checkIdPrefix(prefix: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(prefix)) {
    throw new Error(`idPrefix must start with a letter and hold only letters, digits, '-' or '_': ${JSON.stringify(prefix)}`);
  }
  return prefix;
}
