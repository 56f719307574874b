import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsBoundedInt, IsBoundedText, IsCallerId, IsTimestamp, YearPath } from './validation';

class Probe {
  @IsCallerId() id!: string;
  @IsBoundedInt(1, 200) page!: number;
  @IsBoundedText(10) note!: string;
  @IsTimestamp() from!: string;
}

const valid = { id: 'AAR-2025/17:a.b_c', page: '2', note: 'short', from: '2025-06-01T00:00:00Z' };
const refused = (field: keyof typeof valid, value: unknown) => validateSync(plainToInstance(Probe, { ...valid, [field]: value })).map((e) => e.property);

describe('bounds on inputs (class-validator decorators)', () => {
  it('takes a valid value of each kind, a query string number as a number', () => {
    const probe = plainToInstance(Probe, valid);
    expect(validateSync(probe)).toEqual([]);
    expect(probe.page).toBe(2);
  });

  it.each(['', 'x'.repeat(101), 'x'.repeat(5000), '-starts-with-a-hyphen', 'has space', 'ÆØÅ', 'a\u0000b', "' OR '1'='1", ['A-1'], 17])('refuses the id %j', (id) => {
    expect(refused('id', id)).toEqual(['id']);
  });

  it.each(['0', '201', '-0', '1.5', '1e3', '0x10', 'NaN', 'Infinity', '1e309', '99999999999999999999', ' 2', '', ['1', '2'], { a: 1 }])('refuses the number %j', (page) => {
    expect(refused('page', page)).toEqual(['page']);
  });

  it('refuses text longer than its maximum', () => {
    expect(refused('note', 'x'.repeat(11))).toEqual(['note']);
  });

  it.each(['2025-02-30', '0000-01-01T00:00:00Z', '2025-01-01T25:00:00Z', '2025-06-01T00:00:00', '+275760-09-13T00:00:00Z', 'yesterday', '2025-06-01T00:00:00.1234567Z'])('refuses the instant %j', (from) => {
    expect(refused('from', from)).toEqual(['from']);
  });

  it('takes a year path from 2013 to 2100 only', () => {
    expect(validateSync(plainToInstance(YearPath, { year: '2025' }))).toEqual([]);
    for (const year of ['2012', '2101', '20250', '2025.0', '0x7E9']) expect(validateSync(plainToInstance(YearPath, { year })).map((e) => e.property)).toEqual(['year']);
  });
});

