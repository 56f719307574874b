// Business dates are Europe/Copenhagen calendar dates written YYYY-MM-DD (architecture.md): day
// counts are counted on that calendar, never on UTC instants. Pure functions, no clock: callers
// pass the instant ("now") in.

/** A calendar date written YYYY-MM-DD. */
export type CalendarDate = string;

export const BUSINESS_TIME_ZONE = 'Europe/Copenhagen';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** A real calendar date written YYYY-MM-DD (rejects 2025-02-30, 2025-1-1, ...). */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const dateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: BUSINESS_TIME_ZONE, timeZoneName: 'longOffset' });

/** The Copenhagen calendar date at an instant ("today" when given now). */
export function copenhagenDate(instant: Date): CalendarDate {
  return dateFormat.format(instant);
}

function utcMs(date: CalendarDate): number {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: '${date}'`);
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtcMs(ms: number): CalendarDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Minutes Copenhagen is ahead of UTC at an instant (60 in winter, 120 in summer). */
function copenhagenOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** The instant a Copenhagen calendar day begins (DST changes at 02:00-03:00, never at midnight). */
export function startOfCopenhagenDay(date: CalendarDate): Date {
  const midnightUtc = utcMs(date);
  return new Date(midnightUtc - copenhagenOffsetMinutes(new Date(midnightUtc)) * 60_000);
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMs(utcMs(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMs(to) - utcMs(from)) / DAY_MS);
}

/** The same day `months` later; a day the month lacks becomes its last day (31 Oct + 4 months = 28/29 Feb). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole years between a birth date and a calendar date (a child born 29 Feb turns a year older on 1 Mar). */
export function ageInYears(birthDate: CalendarDate, onDate: CalendarDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** `YYYY-MM` of a date. */
export function monthOf(date: CalendarDate): string {
  return date.slice(0, 7);
}

/** The year of a date. */
export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

/** The later of two dates (ISO dates order as strings). */
export function laterOf(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}
