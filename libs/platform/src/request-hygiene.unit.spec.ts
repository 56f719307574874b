import { cprForms } from '@sagsspor/domain';
import { MAX_BODY_DEPTH, requestTextProblem, STORED_HEADERS } from './request-hygiene';

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

  it('refuses every form of a CPR (docs/data-protection.md) in an id, a note, the query, the path and each stored header', () => {
    const problems: string[] = [];
    for (const form of cprForms('311299-1234')) {
      const places = {
        referralId: request({ referralId: form }),
        note: request({ note: `Barnet ${form} er flyttet` }),
        subject: request(undefined, { subject: form }),
        '(path)': request(undefined, {}, `/v1/referrals/${form.includes('%') ? form : encodeURIComponent(form)}`),
        ...Object.fromEntries(STORED_HEADERS.map((name) => [`(header ${name})`, { ...request(undefined), headers: { [name]: form } }])),
      };
      for (const [field, r] of Object.entries(places)) {
        const found = requestTextProblem(r);
        if (found?.field !== field || found.kind !== 'cpr-outside-cpr-field') problems.push(`${form} in ${field}: ${JSON.stringify(found)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets a CPR through only in childCpr and childCprEncrypted, not in any other field whose name says cpr', () => {
    expect(requestTextProblem(request({ childCpr: '010203-1234', childCprEncrypted: '0102031234' }))).toBeUndefined();
    expect(requestTextProblem(request({ cprNote: '010203-1234' }))).toMatchObject({ kind: 'cpr-outside-cpr-field', field: 'cprNote' });
    expect(requestTextProblem(request({ childCpr: ['x'], cpr: '010203-1234' }))).toMatchObject({ field: 'cpr' });
  });

  it('refuses a CPR written as a number, and one the query parser left out of the query', () => {
    expect(requestTextProblem(request({ amount: 1102031234 }))).toMatchObject({ kind: 'cpr-outside-cpr-field', field: 'amount' });
    expect(requestTextProblem({ ...request(undefined), url: '/v1/cases?x=1&y=010203%2B1234' })).toMatchObject({ kind: 'cpr-outside-cpr-field', field: '(query)' });
    expect(requestTextProblem({ ...request(undefined), url: '/v1/cases?from=2025-01-01&to=2025-12-31&limit=1000' })).toBeUndefined();
  });

  it('lets stored headers through that hold no CPR: UUIDs, keys, trace context', () => {
    const headers = { 'idempotency-key': 'demo-data:underretning:751:2025:17', 'x-correlation-id': '8d3c6f0a-3b1e-4a55-9b63-2f5c1d7e9a10', traceparent: '00-4bf92f3577b34da6a0102031234e4736-00f067aa0ba902b7-01' };
    expect(requestTextProblem({ ...request(undefined), headers })).toBeUndefined();
  });
});
