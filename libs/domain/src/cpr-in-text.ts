// The one CPR detector (ADR 0094): does a text hold a CPR number in any of the ways one is written?
// Used at every door (request text and headers, the token's subject, inbound Kafka messages) and by
// the tests that scan what the services stored and published. The forms it recognises are listed,
// with an example each, in docs/data-protection.md ("The forms of a CPR number"); the unit test
// reads that list. Pure: no I/O.

/** The fields that carry a CPR number on purpose (in clear over HTTPS, encrypted on Kafka): the only ones a CPR may be in. */
export const CPR_FIELDS: ReadonlySet<string> = new Set(['childCpr', 'childCprEncrypted']);

const DAY = '(?:0[1-9]|[12][0-9]|3[01])';
const MONTH = '(?:0[1-9]|1[0-2])';
/** Between the pairs of the birth date (`01.02.03`, `01-02-03`, `01/02/03`, `01 02 03`): the same one twice. */
const DATE_SEPARATOR = '[-./_ ]';
/** Between birth date and serial: nothing, one of `- . / _ +` (with a space either side), or one or two spaces. */
const SERIAL_SEPARATOR = '(?: ?[-./_+] ?| {1,2})?';

/**
 * A CPR number in normalised text (ASCII digits, every dash a `-`, every space a ` `): DDMMYY, or
 * DD.MM.YY with one separator, then the serial (`1234` or `12 34`), with no digit right before or
 * after (a longer run of digits is not a CPR as written); letters and any other character may touch
 * it (`abc0102031234`, `UR-0102031234`).
 */
const CPR_IN_NORMALISED_TEXT = new RegExp(
  `(?<![0-9])(?:${DAY}${MONTH}[0-9]{2}|${DAY}(?<separator>${DATE_SEPARATOR})${MONTH}\\k<separator>[0-9]{2})${SERIAL_SEPARATOR}(?:[0-9]{4}|[0-9]{2} [0-9]{2})(?![0-9])`,
);

/**
 * Random machine identifiers, standing alone: a UUID, and a run of 16 or more hexadecimal digits
 * (trace and span ids, SHA-256 pseudonyms, digests). About 1 in 1,000 random UUIDs and 1 in 50
 * SHA-256 digests hold ten digits that read as a CPR by chance; they are not read (ADR 0094).
 */
const RANDOM_IDENTIFIER = /(?<![0-9A-Za-z])(?:[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|[0-9A-Fa-f]{16,})(?![0-9A-Za-z])/g;

const DASHES = /[\p{Pd}\u2212\uFE63\uFF0D]/gu;
const SPACES = /[\s\p{Zs}]/gu;
const INVISIBLE = /\p{Cf}/gu;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;

/** A decimal digit of any script as 0-9: Unicode encodes each script's digits as ten in a row, 0 first (some scripts' tens touch). */
function asciiDigit(digit: string): string {
  const codePoint = digit.codePointAt(0)!;
  let below = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(codePoint - below - 1))) below++;
  return String(below % 10);
}

/** One round of URL decoding (`%2D` → `-`); text that is not valid UTF-8 once decoded has its ASCII escapes decoded only. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-7][0-9A-Fa-f])/g, (_escape, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

function normalised(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(NON_ASCII_DIGIT, asciiDigit)
    .replace(DASHES, '-')
    .replace(SPACES, ' ')
    .replace(RANDOM_IDENTIFIER, 'x');
}

/** The text as written, and as read after each round of URL decoding (up to three: `%252D` is `-` encoded twice). */
function readings(text: string): string[] {
  const found = [text];
  let current = text;
  for (let round = 0; round < 3 && PERCENT_ESCAPE.test(current); round++) {
    current = percentDecoded(current);
    found.push(current);
  }
  return found;
}

/** Fewer than ten digits (of any script) and no URL escape: no CPR can be written in it. */
const tooFewDigits = (text: string) => !text.includes('%') && (text.match(/\p{Nd}/gu)?.length ?? 0) < 10;

/**
 * Whether `text` holds a CPR number in any of the forms of docs/data-protection.md: with or
 * without a hyphen or other separator, the birth date written with dots, in pairs, inside a longer
 * id, URL-encoded, in full-width or other Unicode digits, with invisible characters between the
 * digits. A real day (01-31) and month (01-12) is required; modulus 11 is not (CPR numbers issued
 * since 2007 need not pass it).
 */
export function containsCpr(text: string): boolean {
  if (tooFewDigits(text)) return false;
  return readings(text).some((reading) => CPR_IN_NORMALISED_TEXT.test(normalised(reading)));
}

/**
 * Every form the detector recognises, for one CPR number (given as `DDMMYY-SSSS` or ten digits):
 * the test data of the detector and of the scans over what the services store and publish.
 */
export function cprForms(cpr: string): string[] {
  const digits = cpr.replace(/[^0-9]/g, '');
  if (digits.length !== 10) throw new Error('cprForms takes a CPR number: DDMMYY-SSSS or ten digits');
  const [dd, mm, yy, serial] = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4, 6), digits.slice(6)];
  const date = `${dd}${mm}${yy}`;
  const fullWidth = (text: string) => text.replace(/[0-9-]/g, (c) => (c === '-' ? '\uFF0D' : String.fromCodePoint(0xff10 + Number(c))));
  return [
    digits,
    `${date}-${serial}`,
    `${date} ${serial}`,
    `${date}/${serial}`,
    `${date}.${serial}`,
    `${date}_${serial}`,
    `${date} - ${serial}`,
    `${date}\u2013${serial}`,
    `${dd}.${mm}.${yy}-${serial}`,
    `${dd}.${mm}.${yy} ${serial}`,
    `${dd}-${mm}-${yy}-${serial}`,
    `${dd}/${mm}/${yy}-${serial}`,
    `${dd} ${mm} ${yy} ${serial}`,
    `${dd} ${mm} ${yy} ${serial.slice(0, 2)} ${serial.slice(2)}`,
    `${date} ${serial.slice(0, 2)} ${serial.slice(2)}`,
    `UR-${digits}`,
    `ref_${date}-${serial}_x`,
    `abc${digits}`,
    `${digits}abc`,
    `${date}%2D${serial}`,
    `${date}%20${serial}`,
    `${date}+${serial}`,
    `${date}%252D${serial}`,
    [...digits].map((d) => `%3${d}`).join(''),
    fullWidth(`${date}-${serial}`),
    [...digits].map((d) => String.fromCodePoint(0x0660 + Number(d))).join(''),
    `${date.slice(0, 3)}\u200B${date.slice(3)}${serial}`,
  ];
}

/** A place in a value: `note`, `participants[0].organisation`; `(root)` for the value itself. A name that holds a CPR is not repeated. */
function childPath(parent: string, key: string, isIndex: boolean): string {
  if (isIndex) return `${parent}[${key}]`;
  const name = containsCpr(key) ? '(a field name)' : key;
  return parent === '(root)' ? name : `${parent}.${name}`;
}

/**
 * The places in a JSON-like value (field names, strings, numbers) that hold a CPR number, skipping
 * the fields `skip` names (a CPR field: `childCprEncrypted`). A field whose name holds one is named
 * `(a field name)`, so the list itself never holds a CPR. Walks iteratively, so a deep value
 * cannot exhaust the stack.
 */
export function cprFieldsIn(value: unknown, skip: (key: string) => boolean = () => false): string[] {
  const found: string[] = [];
  const stack: { path: string; value: unknown }[] = [{ path: '(root)', value }];
  while (stack.length > 0) {
    const { path, value: current } = stack.pop()!;
    if (typeof current === 'string' || typeof current === 'number' || typeof current === 'bigint') {
      if (containsCpr(String(current))) found.push(path);
    } else if (current !== null && typeof current === 'object') {
      const isIndex = Array.isArray(current);
      for (const [key, child] of Object.entries(current)) {
        const place = childPath(path, key, isIndex);
        if (!isIndex && containsCpr(key)) found.push(place);
        if (!isIndex && skip(key)) continue;
        stack.push({ path: place, value: child });
      }
    }
  }
  return found.sort();
}

/** What a CPR-bearing text is replaced with by redactCprs. */
export const REDACTED_CPR = '[removed: held a CPR number]';

/**
 * A copy of a JSON-like value in which every field name, string or number holding a CPR number is
 * replaced by REDACTED_CPR (a name by REDACTED_CPR and its position): what may be kept of a message
 * that was refused for carrying one.
 */
export function redactCprs(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return containsCpr(String(value)) ? REDACTED_CPR : value;
  if (Array.isArray(value)) return value.map(redactCprs);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, child], at) => [containsCpr(key) ? `${REDACTED_CPR} ${at}` : key, redactCprs(child)]));
  }
  return value;
}
