import { ageInYears, parseCpr } from './cpr';
import { childRefOf } from './child-ref';

describe('parseCpr', () => {
  it.each([
    ['010118-4001', '2018-01-01', 'male'],
    ['010118-4002', '2018-01-01', 'female'],
    ['0101184002', '2018-01-01', 'female'],
    ['311299-0001', '1999-12-31', 'male'],
    ['150537-4000', '1937-05-15', 'female'],
    ['150536-9000', '2036-05-15', 'female'],
    ['150557-5000', '2057-05-15', 'female'],
    ['150558-5000', '1858-05-15', 'female'],
  ])('%s is born %s, %s', (cpr, birthDate, sex) => {
    expect(parseCpr(cpr)).toEqual({ birthDate, sex });
  });

  it('does not reject a number that fails modulus 11', () => {
    // 010118-4001: weighted sum is not divisible by 11, still a valid CPR since 2007.
    expect(parseCpr('010118-4001')).not.toHaveProperty('problem');
  });

  it.each(['', '0101184', '010118-40011', 'abcdef-1234', '310218-4001', '000118-4001', '011318-4001'])('refuses %j with a reason', (cpr) => {
    expect(parseCpr(cpr)).toHaveProperty('problem');
  });
});

describe('ageInYears', () => {
  it('counts whole years on the calendar', () => {
    expect(ageInYears('2010-06-15', '2025-06-14')).toBe(14);
    expect(ageInYears('2010-06-15', '2025-06-15')).toBe(15);
    expect(ageInYears('2008-02-29', '2025-02-28')).toBe(16);
  });
});

describe('childRefOf', () => {
  it('is the same with or without the hyphen, differs by secret, and hides the CPR', () => {
    const secret = 'x'.repeat(32);
    expect(childRefOf('010118-4001', secret)).toBe(childRefOf('0101184001', secret));
    expect(childRefOf('010118-4001', secret)).not.toBe(childRefOf('010118-4001', 'y'.repeat(32)));
    expect(childRefOf('010118-4001', secret)).toMatch(/^[0-9a-f]{64}$/);
  });
});
