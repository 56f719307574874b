import { readFileSync } from 'node:fs';
import path from 'node:path';
import { containsCpr, cprFieldsIn, cprForms, REDACTED_CPR, redactCprs } from './cpr-in-text';

// The test data is docs/data-protection.md's own list of the forms of a CPR number (and of the ids
// that are not one): the list is authoritative, so the detector is held to what it says.

const dataProtection = readFileSync(path.resolve(__dirname, '../../../docs/data-protection.md'), 'utf8');

/** The examples (`code` spans) of the table between `<!-- name:begin -->` and `<!-- name:end -->`, with `\uXXXX` read as the character. */
function examplesOf(name: string): string[] {
  const table = new RegExp(`<!-- ${name}:begin -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(dataProtection)?.[1];
  if (!table) throw new Error(`docs/data-protection.md has no ${name} table`);
  const rows = table.split('\n').filter((line) => line.startsWith('|') && !/^\|[-| ]+\|$/.test(line)).slice(1);
  return rows.flatMap((row) => [...row.split('|')[2].matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\\u([0-9A-Fa-f]{4})/g, (_e, hex: string) => String.fromCharCode(parseInt(hex, 16)))));
}

const listed = examplesOf('cpr-forms');
const notCprs = examplesOf('not-cpr');

describe('containsCpr: the forms of a CPR number in docs/data-protection.md', () => {
  it('lists forms and non-CPRs to test', () => {
    expect(listed.length).toBeGreaterThanOrEqual(20);
    expect(notCprs.length).toBeGreaterThanOrEqual(10);
  });

  it.each(listed)('finds %j', (form) => {
    expect(containsCpr(form)).toBe(true);
  });

  it.each(notCprs)('does not take %j for a CPR', (text) => {
    expect(containsCpr(text)).toBe(false);
  });

  it('cprForms writes a CPR in exactly the forms the document lists', () => {
    expect(cprForms('010203-1234')).toEqual(listed);
    expect(cprForms('0102031234')).toEqual(listed);
  });

  it('finds every form of other numbers too, inside text and next to other text', () => {
    for (const cpr of ['311299-9999', '290200-4002', '150124-0001', '010100-0000']) {
      for (const form of cprForms(cpr)) {
        expect({ form, found: containsCpr(form) }).toEqual({ form, found: true });
        expect({ form, found: containsCpr(`Barnet (${form}) blev hørt.`) }).toEqual({ form, found: true });
        expect({ form, found: containsCpr(`/v1/referrals/${form}/accept`) }).toEqual({ form, found: true });
      }
    }
  });

  it('wants a real day and month, and nothing more of the date', () => {
    expect(containsCpr('311299-1234')).toBe(true);
    expect(containsCpr('310218-4001')).toBe(true); // 31 February: still written as a CPR, never accepted in a CPR field
    expect(containsCpr('000199-1234')).toBe(false);
    expect(containsCpr('321299-1234')).toBe(false);
    expect(containsCpr('010099-1234')).toBe(false);
    expect(containsCpr('011399-1234')).toBe(false);
  });

  it('does not read ids the services and their callers use as CPRs', () => {
    const ids = [
      '00000000-0000-4000-8000-000000000000',
      '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f',
      'AAR-GUIDE-U-1',
      'DP-VA-2',
      'P-R-1',
      'MIDT-GUIDE-SR-1',
      'demo-data:underretning:751:2025:17',
      '120204164002',
      '2026-10-01',
      '2025-06',
      'sagsspor.inbound.police.video-interviews.v1',
      'oestjylland',
      '1733558400000',
      'POST /v1/referrals/:referralId/accept',
    ];
    for (const id of ids) expect({ id, found: containsCpr(id) }).toEqual({ id, found: false });
  });

  it('does not read a random UUID or hex digest as a CPR, though one in a thousand holds ten digits that would', () => {
    const uuidWithCprShape = '3f1c9e2a-7b4d-4c11-9a8e-b2903991234f';
    const sha256WithCprShape = `${'ab'.repeat(10)}2903991234${'cd'.repeat(17)}`;
    expect(sha256WithCprShape).toHaveLength(64);
    expect(containsCpr(uuidWithCprShape)).toBe(false);
    expect(containsCpr(sha256WithCprShape)).toBe(false);
    // The same digits in an id that is not a random identifier are read.
    expect(containsCpr('b2903991234f')).toBe(true);
  });
});

describe('cprFieldsIn and redactCprs: CPRs in a JSON value', () => {
  const message = {
    interviewId: 'OJP-010203-1234',
    childCprEncrypted: '0102031234',
    participants: [{ organisation: 'x' }, { organisation: '01.02.03-1234' }],
    '0102031234': 'a field named by a CPR',
    count: 1102031234,
    note: 'nothing here',
  };

  it('names every place that holds one, skipping the fields asked to', () => {
    expect(cprFieldsIn(message, (key) => key === 'childCprEncrypted')).toEqual(['(a field name)', 'count', 'interviewId', 'participants[1].organisation']);
    expect(cprFieldsIn(message)).toContain('childCprEncrypted');
    expect(cprFieldsIn('010203-1234')).toEqual(['(root)']);
    expect(cprFieldsIn({ a: 'b', n: 3 })).toEqual([]);
  });

  it('replaces every text that holds one and keeps the rest', () => {
    const redacted = redactCprs(message) as Record<string, unknown>;
    expect(cprFieldsIn(redacted)).toEqual([]);
    expect(redacted).toEqual({
      interviewId: REDACTED_CPR,
      childCprEncrypted: REDACTED_CPR,
      participants: [{ organisation: 'x' }, { organisation: REDACTED_CPR }],
      [`${REDACTED_CPR} 3`]: 'a field named by a CPR',
      count: REDACTED_CPR,
      note: 'nothing here',
    });
  });
});
