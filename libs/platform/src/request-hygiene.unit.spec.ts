import { CPR_IN_TEXT, MAX_BODY_DEPTH, requestTextProblem } from './request-hygiene';

const request = (body: unknown, query: Record<string, unknown> = {}, path = '/v1/referrals') => ({ path, query, body });

describe('requestTextProblem', () => {
  it('lets ordinary requests through: ids, dates, UUIDs, notes with newlines, a CPR in a CPR field', () => {
    expect(requestTextProblem(request({ referralId: 'AAR-HEN-2025-0042', childCpr: '020416-4002', referredAt: '2025-03-10', note: 'Linje 1\nLinje 2\tfane', abuseTypes: ['violence'] }))).toBeUndefined();
    expect(requestTextProblem(request({ childCprEncrypted: 'eyJhbGciOi.0204164002.x' }))).toBeUndefined();
    expect(requestTextProblem(request(undefined, { from: '2025-06-01T00:00:00Z', after: '1042' }, '/v1/cases/ab020416-4002-4abc-8def-0123456789ab'))).toBeUndefined();
  });

  it.each([
    ['an id', request({ referralId: 'HEN-020416-4002' }), 'body.referralId'],
    ['a note, without the hyphen', request({ note: 'barnet 0204164002 er flyttet' }), 'body.note'],
    ['a nested field', request({ participants: [{ organisation: 'x 311299-1234' }] }), 'body.participants[0].organisation'],
    ['the query string', request(undefined, { subject: '020416-4002' }), 'query.subject'],
    ['the path', request(undefined, {}, '/v1/referrals/020416-4002'), 'the path'],
    ['an encoded path', request(undefined, {}, '/v1/referrals/%30%32%30%34%31%36%34%30%30%32'), 'the path'],
  ])('refuses a CPR number in %s, naming where', (_what, r, where) => {
    expect(requestTextProblem(r)).toEqual(expect.objectContaining({ code: 'REQUEST.CPR_OUTSIDE_CPR_FIELD', where }));
  });

  it('refuses NUL bytes and other control characters, lone surrogates, in values and field names', () => {
    expect(requestTextProblem(request({ note: 'a\u0000b' }))).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTER', where: 'body.note' });
    expect(requestTextProblem(request({ note: 'bell\u0007' }))).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTER' });
    expect(requestTextProblem(request({ note: 'x\uD800y' }))).toMatchObject({ code: 'REQUEST.INVALID_UNICODE' });
    expect(requestTextProblem(request({ note: '\uDC00' }))).toMatchObject({ code: 'REQUEST.INVALID_UNICODE' });
    expect(requestTextProblem(request({ 'a\u0000': 1 }))).toMatchObject({ code: 'REQUEST.CONTROL_CHARACTER' });
    expect(requestTextProblem(request({ note: 'smil 😀 æøå' }))).toBeUndefined();
  });

  it('refuses field names that reach the prototype', () => {
    expect(requestTextProblem(request(JSON.parse('{"a":{"__proto__":{"isAdmin":true}}}')))).toMatchObject({ code: 'REQUEST.FORBIDDEN_FIELD_NAME', where: 'body.a.__proto__' });
    expect(requestTextProblem(request({ constructor: { prototype: { isAdmin: true } } }))).toMatchObject({ code: 'REQUEST.FORBIDDEN_FIELD_NAME' });
  });

  it('refuses a body nested deeper than the limit, without recursion', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(requestTextProblem(request({ a: deep }))).toMatchObject({ code: 'REQUEST.TOO_DEEP' });
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
