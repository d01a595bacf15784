/**
 * Owns text measurement without a browser: a per-character width estimate for system-ui fonts
 * (Roboto, San Francisco, Segoe UI), erring wide, so layout can decide where labels fit and wrap
 * them instead of letting them run off a 320 px screen.
 */

const NARROW = new Set([...'iljIíìïÍ.,:;\'!|()[]{}· ']);
const SEMI = new Set([...'frtJ-/"*']);
const WIDE = new Set([...'mwMWÑ%@—']);

/** Width in em of one character; digits are tabular in these fonts. */
function charWidth(char: string): number {
  if (NARROW.has(char)) return 0.3;
  if (SEMI.has(char)) return 0.38;
  if (WIDE.has(char)) return 0.88;
  if (char >= '0' && char <= '9') return 0.58;
  if (char === '\u00a0') return 0.3;
  if (char.toUpperCase() === char && char.toLowerCase() !== char) return 0.68;
  if (char.charCodeAt(0) > 0x2000) return 0.9;
  return 0.55;
}

/** Calibrated against DejaVu Sans, the widest common fallback for system-ui; bold runs ~13% wider. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return em * fontSize * (bold ? 1.22 : 1.08);
}

/** Cuts a line so that it, plus an ellipsis, fits `maxWidth`; whole words go first. */
function ellipsize(text: string, maxWidth: number, fontSize: number, bold: boolean): string {
  if (textWidth(text, fontSize, bold) <= maxWidth) return text;
  const words = text.split(' ');
  while (words.length > 1 && textWidth(`${words.join(' ')}…`, fontSize, bold) > maxWidth) words.pop();
  const chars = [...words.join(' ')];
  while (chars.length > 0 && textWidth(`${chars.join('').trimEnd()}…`, fontSize, bold) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * Greedy word wrap into at most `maxLines` lines; the last line ends in "…" when text is left
 * over. The full text must then be available elsewhere (title, aria-label or desc).
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, maxLines: number, bold = false): string[] {
  const pieces: string[] = [];
  for (const word of text.trim().split(/\s+/).filter(Boolean)) {
    if (textWidth(word, fontSize, bold) <= maxWidth) {
      pieces.push(word);
      continue;
    }
    // A single word wider than the line (a code, a URL): cut it into line-sized chunks.
    let chunk = '';
    for (const char of word) {
      if (chunk && textWidth(chunk + char, fontSize, bold) > maxWidth) {
        pieces.push(chunk);
        chunk = '';
      }
      chunk += char;
    }
    if (chunk) pieces.push(chunk);
  }
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < pieces.length; i++) {
    const candidate = current ? `${current} ${pieces[i]}` : pieces[i];
    if (!current || textWidth(candidate, fontSize, bold) <= maxWidth) {
      current = candidate;
      continue;
    }
    lines.push(current);
    current = pieces[i];
    if (lines.length === maxLines) {
      lines[maxLines - 1] = ellipsize(`${lines[maxLines - 1]} ${pieces.slice(i).join(' ')}`, maxWidth, fontSize, bold);
      return lines;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [''];
}
