import 'reflect-metadata';
import { houses, municipalities, policeDistricts } from '@sagsspor/reference-data';
import { RecordVideoInterviewRequest } from './video-interview.request.dto';
import { validateVideoInterviewInput, videoInterviewFields } from './video-interview.validation';

const cpr = '020416-4002';
const good = { interviewId: 'OJP-VA-2025-0815', policeDistrict: 'oestjylland', childCpr: cpr, municipalityCode: '751', houseCode: 'midt', conductedAt: '2025-03-11' };

const invalid = (raw: unknown) => {
  const result = validateVideoInterviewInput(raw);
  if (result.valid) throw new Error('expected the input to be invalid');
  return result;
};

describe('video interview input validation (REST body and decrypted Kafka message alike)', () => {
  it('accepts the required fields, and defaults reinterview to false', () => {
    expect(validateVideoInterviewInput(good)).toEqual({ valid: true, input: { ...good, reinterview: false } });
  });

  it('accepts every optional field', () => {
    const full = { ...good, reportedToPoliceAt: '2025-03-05', requestedAt: '2025-03-06', reinterview: true };
    expect(validateVideoInterviewInput(full)).toEqual({ valid: true, input: full });
  });

  it('takes null for an optional field as not sent', () => {
    expect(validateVideoInterviewInput({ ...good, reportedToPoliceAt: null, requestedAt: null, reinterview: null })).toEqual({ valid: true, input: { ...good, reinterview: false } });
  });

  it('accepts every police district, municipality and house of the reference data (the contract\'s schema of each field admits them too)', () => {
    for (const { code } of policeDistricts) expect(validateVideoInterviewInput({ ...good, policeDistrict: code })).toMatchObject({ valid: true });
    for (const { code } of municipalities) expect(validateVideoInterviewInput({ ...good, municipalityCode: code })).toMatchObject({ valid: true });
    for (const { code } of houses) expect(validateVideoInterviewInput({ ...good, houseCode: code })).toMatchObject({ valid: true });
  });

  it('accepts a CPR without the hyphen', () => {
    expect(validateVideoInterviewInput({ ...good, childCpr: '0204164002' })).toMatchObject({ valid: true });
  });

  it.each([
    ['interviewId', 'INBOUND.MISSING_FIELD'],
    ['policeDistrict', 'INBOUND.MISSING_FIELD'],
    ['childCpr', 'INBOUND.MISSING_FIELD'],
    ['municipalityCode', 'INBOUND.MISSING_FIELD'],
    ['houseCode', 'INBOUND.MISSING_FIELD'],
    ['conductedAt', 'INBOUND.MISSING_FIELD'],
  ])('names a missing %s', (field, code) => {
    const { [field]: _left, ...rest } = good as Record<string, unknown>;
    expect(invalid(rest)).toEqual({ valid: false, code, problems: [{ field, message: `${field} is required` }] });
  });

  it.each([
    ['childCpr', '12345', 'INBOUND.INVALID_CPR', /must be a CPR number, DDMMYY-SSSS/],
    ['childCpr', '310218-4001', 'INBOUND.INVALID_CPR', /real birth date/],
    ['childCpr', 204164002, 'INBOUND.INVALID_CPR', /must be a CPR number/],
    ['policeDistrict', 'atlantis', 'INBOUND.UNKNOWN_POLICE_DISTRICT', /known police district code \(nordjylland, oestjylland/],
    ['municipalityCode', '999', 'INBOUND.UNKNOWN_MUNICIPALITY', /known 3-digit municipality code/],
    ['houseCode', 'fyn', 'INBOUND.UNKNOWN_HOUSE', /known børnehus code/],
    ['conductedAt', '2025-02-30', 'INBOUND.INVALID_DATE', /real date written YYYY-MM-DD/],
    ['reportedToPoliceAt', '11-03-2025', 'INBOUND.INVALID_DATE', /YYYY-MM-DD/],
    ['requestedAt', 20250306, 'INBOUND.INVALID_DATE', /YYYY-MM-DD/],
    ['interviewId', '', 'INBOUND.INVALID_FIELD', /1-100 letters/],
    ['interviewId', 'Interview of Anna Hansen', 'INBOUND.INVALID_FIELD', /1-100 letters/],
    ['interviewId', 'x'.repeat(101), 'INBOUND.INVALID_FIELD', /1-100 letters/],
    ['interviewId', `VA-${cpr}`, 'INBOUND.INVALID_FIELD', /must not contain a CPR number/],
    ['interviewId', 'VA-0204164002', 'INBOUND.INVALID_FIELD', /must not contain a CPR number/],
    ['interviewId', 'VA02.04.16-4002', 'INBOUND.INVALID_FIELD', /must not contain a CPR number/],
    ['reinterview', 'yes', 'INBOUND.INVALID_FIELD', /true or false/],
  ])('refuses %s = %j with %s', (field, value, code, message) => {
    const result = invalid({ ...good, [field]: value });
    expect(result).toMatchObject({ code, problems: [{ field, message: expect.stringMatching(message) }] });
  });

  it('refuses a field it does not know (a clear CPR under another name, say)', () => {
    expect(invalid({ ...good, cpr })).toEqual({ valid: false, code: 'INBOUND.UNKNOWN_FIELD', problems: [{ field: 'cpr', message: 'cpr is not a field of a video interview' }] });
  });

  it('refuses what is not an object', () => {
    for (const raw of [null, 'interview', 42, [good]]) expect(invalid(raw)).toMatchObject({ code: 'INBOUND.INVALID_FIELD', problems: [{ field: '(root)' }] });
  });

  it('names every bad field at once, with the most telling code first', () => {
    const result = invalid({ policeDistrict: 'atlantis', childCpr: '12345', municipalityCode: '751', houseCode: 'midt', conductedAt: 'soon', extra: 1 });
    expect(result.code).toBe('INBOUND.MISSING_FIELD');
    expect(result.problems.map((p) => p.field).sort()).toEqual(['childCpr', 'conductedAt', 'extra', 'interviewId', 'policeDistrict']);
    expect(invalid({ ...good, policeDistrict: 'atlantis', childCpr: '12345' }).code).toBe('INBOUND.INVALID_CPR');
  });

  it('never repeats a value sent in its messages', () => {
    const result = invalid({ ...good, childCpr: '310218-4001', interviewId: `VA ${cpr}`, policeDistrict: cpr, houseCode: cpr, conductedAt: cpr });
    const text = JSON.stringify(result);
    expect(text).not.toContain('310218');
    expect(text).not.toContain('020416');
  });

  it('knows exactly the fields the OpenAPI description documents', () => {
    const documented = (Reflect.getMetadata('swagger/apiModelPropertiesArray', RecordVideoInterviewRequest.prototype) as string[]).map((p) => p.replace(/^:/, ''));
    expect([...videoInterviewFields].sort()).toEqual(documented.sort());
  });

  it('accepts the example of the OpenAPI description', () => {
    const properties = Reflect.getMetadata('swagger/apiModelPropertiesArray', RecordVideoInterviewRequest.prototype) as string[];
    const example = Object.fromEntries(
      properties.map((p) => p.replace(/^:/, '')).map((name) => [name, (Reflect.getMetadata('swagger/apiModelProperties', RecordVideoInterviewRequest.prototype, name) as { example: unknown }).example]),
    );
    expect(validateVideoInterviewInput(example)).toMatchObject({ valid: true });
  });
});
