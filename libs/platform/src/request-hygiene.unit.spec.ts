import { CPR_IN_TEXT, MAX_BODY_DEPTH, requestTextProblem } from './request-hygiene';

const request = (body: unknown, query: Record<string, unknown> = {}, path = '/v1/referrals') => ({ path, query, body });

describe('requestTextProblem', () => {
  it('lets ordinary requests through: ids, dates, UUIDs, notes with newlines, a CPR in a CPR field', () => {
    expect(requestTextProblem(request({ referralId: 'AAR-HEN-2025-0042', childCpr: '020416-4002', referredAt: '2025-03-10', note: 'Linje 1\nLinje 2\tfane', abuseTypes: ['violence'] }))).toBeUndefined();
    expect(requestTextProblem(request({ childCprEncrypted: 'eyJhbGciOi.0204164002.x' }))).toBeUndefined();
    expect(requestTextProblem(request(undefined, { from: '2025-06-01T00:00:00Z', after: '1042' }, '/v1/cases/ab020416-4002-4abc-8def-0123456789ab'))).toBeUndefined();
  });

  it.each([
    ['an id', request({ referralId: 'HEN-020416-4002' }), 'referralId'],
    ['a note, without the hyphen', request({ note: 'barnet 0204164002 er flyttet' }), 'note'],
    ['a nested field', request({ participants: [{ organisation: 'x 311299-1234' }] }), 'participants[0].organisation'],
    ['the query string', request(undefined, { subject: '020416-4002' }), 'subject'],
    ['the path', request(undefined, {}, '/v1/referrals/020416-4002'), '(path)'],
    ['an encoded path', request(undefined, {}, '/v1/referrals/%30%32%30%34%31%36%34%30%30%32'), '(path)'],
  ])('refuses a CPR number in %s, naming the field as validation does', (_what, r, field) => {
    expect(requestTextProblem(r)).toEqual({ kind: 'cpr-outside-cpr-field', field, message: `${field} must not contain a CPR number` });
  });

  it('refuses NUL bytes and other control characters, lone surrogates, in values and field names', () => {
    expect(requestTextProblem(request({ note: 'a\u0000b' }))).toEqual({ kind: 'control-character', field: 'note', message: 'note must not contain control characters (such as a NUL byte)' });
    expect(requestTextProblem(request({ note: 'bell\u0007' }))).toMatchObject({ kind: 'control-character' });
    expect(requestTextProblem(request({ note: 'x\uD800y' }))).toMatchObject({ kind: 'invalid-unicode', field: 'note' });
    expect(requestTextProblem(request({ note: '\uDC00' }))).toMatchObject({ kind: 'invalid-unicode' });
    expect(requestTextProblem(request({ 'a\u0000': 1 }))).toMatchObject({ kind: 'control-character' });
    expect(requestTextProblem(request({ note: 'smil 😀 æøå' }))).toBeUndefined();
  });

  it('refuses field names that reach the prototype', () => {
    expect(requestTextProblem(request(JSON.parse('{"a":{"__proto__":{"isAdmin":true}}}')))).toMatchObject({ kind: 'forbidden-field-name', field: 'a.__proto__' });
    expect(requestTextProblem(request({ constructor: { prototype: { isAdmin: true } } }))).toMatchObject({ kind: 'forbidden-field-name', field: 'constructor' });
  });

  it('refuses a body nested deeper than the limit, without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(requestTextProblem(request({ a: deep }))).toMatchObject({ kind: 'too-deep' });
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_BODY_DEPTH - 1; i++) ok = { a: ok };
    expect(requestTextProblem(request(ok))).toBeUndefined();
  });

  it('finds a CPR only as a real day and month, not inside longer digit runs', () => {
    expect(CPR_IN_TEXT.test('311299-1234')).toBe(true);
    expect(CPR_IN_TEXT.test('321299-1234')).toBe(false);
    expect(CPR_IN_TEXT.test('011399-1234')).toBe(false);
    expect(CPR_IN_TEXT.test('120204164002')).toBe(false);
    expect(CPR_IN_TEXT.test('00000000-0000-4000-8000-000000000000')).toBe(false);
  });
});
