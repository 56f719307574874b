import { childAgeOn, withoutBirthDate } from './child';
import { parseCpr } from './cpr';

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

describe('childAgeOn', () => {
  it('gives the age in whole years for a child', () => {
    expect(childAgeOn('2010-06-15', '2025-06-14', 'X.NOT_A_CHILD', 'receivedAt')).toBe(14);
    expect(childAgeOn('2007-06-15', '2025-06-14', 'X.NOT_A_CHILD', 'receivedAt')).toBe(17);
  });
  it('refuses an adult and a child not yet born, naming the date field', () => {
    expect(() => childAgeOn('2007-06-14', '2025-06-14', 'X.NOT_A_CHILD', 'receivedAt')).toThrow(/0-17 years old on receivedAt 2025-06-14; the CPR number gives 18/);
    expect(() => childAgeOn('2025-06-15', '2025-06-14', 'X.NOT_A_CHILD', 'receivedAt')).toThrow(/not born on receivedAt/);
  });
});

describe('withoutBirthDate', () => {
  it('drops the birth date at any depth and keeps everything else', () => {
    const command = { type: 'RecordX', data: { childRef: 'a', childBirthDate: '2016-04-02', child: { childRef: 'b', childBirthDate: '2012-09-30', childSex: 'male' }, list: [{ childBirthDate: 'x', n: 1 }] }, childBirthDate: undefined, n: 0 };
    expect(withoutBirthDate(command)).toEqual({ type: 'RecordX', data: { childRef: 'a', child: { childRef: 'b', childSex: 'male' }, list: [{ n: 1 }] }, n: 0 });
    expect(JSON.stringify(withoutBirthDate(command))).not.toMatch(/childBirthDate|2016-04-02|2012-09-30/);
  });
});
