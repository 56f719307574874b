import { isCalendarDate } from './validation';

describe('isCalendarDate', () => {
  it.each(['2025-01-31', '2024-02-29', '2000-12-01'])('accepts %s', (d) => expect(isCalendarDate(d)).toBe(true));
  it.each(['2025-13-01', '2025-02-30', '2023-02-29', '2025-1-1', '20250101', '', 20250101, null])('refuses %p', (d) => expect(isCalendarDate(d)).toBe(false));
});
