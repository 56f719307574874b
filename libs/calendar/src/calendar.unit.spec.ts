import { addDays, addMonths, ageInYears, copenhagenDate, daysBetween, isCalendarDate, startOfCopenhagenDay } from './index';

describe('calendar (Europe/Copenhagen business dates)', () => {
  it.each(['2025-01-31', '2024-02-29', '2000-12-01'])('accepts %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2025-13-01', '2025-02-30', '2023-02-29', '2025-1-1', '20250101', '', 20250101, null])('refuses %p', (d) => expect(isCalendarDate(d)).toBe(false));

  it('takes today from the Copenhagen calendar, not from UTC', () => {
    expect(copenhagenDate(new Date('2025-06-30T22:30:00Z'))).toBe('2025-07-01'); // 00:30 summer time
    expect(copenhagenDate(new Date('2025-12-31T22:59:59Z'))).toBe('2025-12-31'); // 23:59 winter time
    expect(copenhagenDate(new Date('2025-12-31T23:00:00Z'))).toBe('2026-01-01');
  });

  it('knows when a Copenhagen day begins, in winter and summer time', () => {
    expect(startOfCopenhagenDay('2025-01-15').toISOString()).toBe('2025-01-14T23:00:00.000Z');
    expect(startOfCopenhagenDay('2025-07-15').toISOString()).toBe('2025-07-14T22:00:00.000Z');
    expect(startOfCopenhagenDay('2025-03-30').toISOString()).toBe('2025-03-29T23:00:00.000Z'); // the day summer time starts
  });

  it('counts calendar days across a DST change and a leap day', () => {
    expect(daysBetween('2025-03-01', '2025-04-01')).toBe(31);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-05-10', '2025-05-01')).toBe(-9);
    expect(addDays('2025-03-29', 2)).toBe('2025-03-31');
  });

  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2025-03-04', 4)).toBe('2025-07-04');
    expect(addMonths('2025-10-31', 4)).toBe('2026-02-28');
    expect(addMonths('2023-10-31', 4)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 2)).toBe('2026-01-15');
  });

  it('counts whole years of age', () => {
    expect(ageInYears('2010-06-15', '2025-06-14')).toBe(14);
    expect(ageInYears('2010-06-15', '2025-06-15')).toBe(15);
    expect(ageInYears('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageInYears('2008-02-29', '2025-03-01')).toBe(17);
  });

  it('refuses to compute with a malformed date', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });
});
