/**
 * A scanner for citizens' personal data in text the portal publishes (dataset files, pages), used by the
 * build and the tests to prove that none leaks: Peruvian DNI numbers, phone numbers (mobile and Huancayo
 * landlines), e-mail addresses outside the institutional domains, and natural persons' RUC numbers.
 *
 * It errs towards reporting: a false alarm costs a look, a missed DNI is a leak. The rules that keep it
 * usable on real output are the negatives: identifiers that merely look numeric (UUIDs, hashes, ISO dates and
 * times) are blanked before scanning, and a digit run that is part of a decimal number does not count.
 */

export type PersonalDataKind = 'DNI' | 'PHONE' | 'EMAIL' | 'PERSONAL_RUC';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** The text as found, separators included. */
  match: string;
  /** Offset in the scanned text (UTF-16 code units, as String.prototype.indexOf counts). */
  index: number;
}

export interface FindPersonalDataOptions {
  /** Domains whose addresses are institutional and may be published, e.g. 'munihuancayo.gob.pe'; subdomains count. */
  allowEmailDomains?: string[];
}

// Blanked before scanning, so their digits cannot pass for a DNI or a phone.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX_RUN = /[0-9a-f]{32,}/gi; // SHA-256 and other digests
const ISO_DATE_TIME =
  /(?<!\d)(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?(?!\d)/g;
const ISO_TIME = /(?<!\d)(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?(?!\d)/g;
// Values the portal itself writes under measure keys are amounts and sizes, not document numbers: OC4IDS
// writes S/ 12,345,678.00 as `"amount": 12345678`, the catalog a 12 MB file as
// `"dcat:byteSize": { "@value": "12345678", … }`. Any other key, or free text, is still scanned.
const JSON_MEASURE = /"(?:amount|byteSize|rowCount)"\s*:\s*-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|"dcat:byteSize"\s*:\s*\{\s*"@value"\s*:\s*"\d+"/g;

// A number is "bare" when no digit touches it and it is not one side of a decimal or thousands separator:
// "12345678.00" and "1.234.567" are amounts, while "DNI 12345678." at the end of a sentence is still a DNI.
const BARE_START = String.raw`(?<!\d)(?<!\d[.,])`;
const BARE_END = String.raw`(?!\d)(?![.,]\d)`;

const EMAIL = /[A-Za-z0-9._%+-]+@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})/g;
/** RUC of a natural person: 10 (with DNI, which the next 8 digits are), 15 and 17 (other identity documents). */
const PERSONAL_RUC = new RegExp(`${BARE_START}(?:10|15|17)\\d{9}${BARE_END}`, 'g');
/** Mobile: 9 digits starting with 9, in groups of three with one consistent separator, optional +51. */
const MOBILE = new RegExp(`${BARE_START}(?:\\+?51[\\s-]?)?9\\d{2}([ -]?)\\d{3}\\1\\d{3}${BARE_END}`, 'g');
/** Huancayo landline: area code 64 ("(064) 123456", "064-123456", "+51 64 123456"), six digits. */
const LANDLINE = new RegExp(
  `${BARE_START}(?:\\+51[\\s-]?(?:\\(64\\)|64)[\\s-]?|\\(0?64\\)[\\s-]?|064[\\s-]?)(?:\\d{6}|\\d{3}[\\s-]\\d{3}|\\d{2}[\\s-]\\d{4})${BARE_END}`,
  'g',
);
const DNI = new RegExp(`${BARE_START}\\d{8}${BARE_END}`, 'g');

export function findPersonalData(text: string, options: FindPersonalDataOptions = {}): PersonalDataMatch[] {
  const allowed = (options.allowEmailDomains ?? []).map((d) => d.toLowerCase().replace(/^@/, ''));
  let masked = blank(text, [UUID, HEX_RUN, ISO_DATE_TIME, ISO_TIME, JSON_MEASURE]);
  const found: PersonalDataMatch[] = [];

  for (const m of masked.matchAll(EMAIL)) {
    const domain = m[1]!.toLowerCase();
    if (!allowed.some((a) => domain === a || domain.endsWith(`.${a}`))) {
      found.push({ kind: 'EMAIL', match: text.slice(m.index, m.index + m[0].length), index: m.index });
    }
  }
  // Every address, allowed or not, is blanked: digits in "12345678@…" are that address, already judged.
  masked = blank(masked, [EMAIL]);

  const numeric: Array<[PersonalDataKind, RegExp]> = [
    ['PERSONAL_RUC', PERSONAL_RUC],
    ['PHONE', MOBILE],
    ['PHONE', LANDLINE],
    ['DNI', DNI],
  ];
  for (const [kind, pattern] of numeric) {
    for (const m of masked.matchAll(pattern)) {
      found.push({ kind, match: text.slice(m.index, m.index + m[0].length), index: m.index });
    }
    // A number reported once is not reported again as something shorter inside it.
    masked = blank(masked, [pattern]);
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Replaces every match with spaces of the same length, so offsets in the result are offsets in the input. */
function blank(text: string, patterns: RegExp[]): string {
  let out = text;
  for (const pattern of patterns) out = out.replace(pattern, (m) => ' '.repeat(m.length));
  return out;
}
