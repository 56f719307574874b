import { isCalendarDate } from '@sagsspor/calendar';
import { PoliceVideoInterviewMessageV1, validateIntegrationEventField, type VideoInterviewFactsV1 } from '@sagsspor/contracts';
import { containsCpr, parseCpr } from '@sagsspor/domain';
import { findMunicipality, houses, policeDistricts } from '@sagsspor/reference-data';

// One validation for both ways in (ADR 0021): the REST body after JSON parsing, and the inbound
// Kafka message after its CPR was decrypted. Pure: no I/O, no clock. Messages name the field and
// never repeat the value sent (a value could be a CPR in the wrong field). The fields, which of them
// are required and what each admits come from the contract (PoliceVideoInterviewMessageV1, whose
// facts are videoInterviewFacts), with childCpr in clear for childCprEncrypted; the checks below add
// what a schema cannot say (reference data, real dates, no CPR in an id: containsCpr, the one detector) and name each problem.

/** A video interview as the police system sends it, checked. The CPR is still here: turn it into childRef next. */
export type VideoInterviewInput = VideoInterviewFactsV1 & { childCpr: string };

export interface InputProblem {
  field: string;
  message: string;
}

/** Stable codes: the first that applies (in this order) names the whole input. */
export const inputProblemCodes = [
  'INBOUND.MISSING_FIELD',
  'INBOUND.INVALID_CPR',
  'INBOUND.UNKNOWN_POLICE_DISTRICT',
  'INBOUND.UNKNOWN_MUNICIPALITY',
  'INBOUND.UNKNOWN_HOUSE',
  'INBOUND.INVALID_DATE',
  'INBOUND.UNKNOWN_FIELD',
  'INBOUND.INVALID_FIELD',
] as const;
export type InputProblemCode = (typeof inputProblemCodes)[number];

export type VideoInterviewValidation = { valid: true; input: VideoInterviewInput } | { valid: false; code: InputProblemCode; problems: InputProblem[] };

/** The police system's own id: letters and digits with `. _ : / -`, so it cannot carry free text. */
export const INTERVIEW_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

const policeDistrictCodes = new Set(policeDistricts.map((d) => d.code));
const houseCodes = new Set(houses.map((h) => h.code));

const message = PoliceVideoInterviewMessageV1.schema as { properties: Record<string, unknown>; required: readonly string[] };
/** Our field for one of the message's: only the CPR differs (in clear here, encrypted on Kafka). */
const inTheClear = (field: string) => (field === 'childCprEncrypted' ? 'childCpr' : field);

/** The fields of a video interview, in the contract's order. */
export const videoInterviewFields = Object.keys(message.properties).map(inTheClear) as readonly (keyof VideoInterviewInput)[];
const requiredFields = message.required.map(inTheClear);

export function validateVideoInterviewInput(raw: unknown): VideoInterviewValidation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { valid: false, code: 'INBOUND.INVALID_FIELD', problems: [{ field: '(root)', message: 'the video interview must be a JSON object' }] };
  }
  const body = raw as Record<string, unknown>;
  const found: { code: InputProblemCode; problem: InputProblem }[] = [];
  const problem = (code: InputProblemCode, field: string, message: string) => found.push({ code, problem: { field, message } });
  const present = (field: string) => body[field] !== undefined && body[field] !== null;

  for (const field of requiredFields) {
    if (!present(field)) problem('INBOUND.MISSING_FIELD', field, `${field} is required`);
  }
  for (const field of Object.keys(body)) {
    if (!(videoInterviewFields as readonly string[]).includes(field)) problem('INBOUND.UNKNOWN_FIELD', field, `${field} is not a field of a video interview`);
  }
  const { interviewId, policeDistrict, childCpr, municipalityCode, houseCode, conductedAt, reportedToPoliceAt, requestedAt, reinterview } = body;
  if (present('interviewId') && (typeof interviewId !== 'string' || !INTERVIEW_ID_PATTERN.test(interviewId))) {
    problem('INBOUND.INVALID_FIELD', 'interviewId', 'interviewId must be 1-100 letters, digits or . _ : / - (starting with a letter or digit)');
  } else if (typeof interviewId === 'string' && containsCpr(interviewId)) {
    problem('INBOUND.INVALID_FIELD', 'interviewId', 'interviewId must not contain a CPR number: it is published');
  }
  if (present('policeDistrict') && (typeof policeDistrict !== 'string' || !policeDistrictCodes.has(policeDistrict))) {
    problem('INBOUND.UNKNOWN_POLICE_DISTRICT', 'policeDistrict', `policeDistrict must be a known police district code (${[...policeDistrictCodes].join(', ')})`);
  }
  if (present('childCpr')) {
    const parsed = typeof childCpr === 'string' ? parseCpr(childCpr) : { problem: 'must be a CPR number, DDMMYY-SSSS' };
    if ('problem' in parsed) problem('INBOUND.INVALID_CPR', 'childCpr', `childCpr ${parsed.problem}`);
  }
  if (present('municipalityCode') && (typeof municipalityCode !== 'string' || !findMunicipality(municipalityCode))) {
    problem('INBOUND.UNKNOWN_MUNICIPALITY', 'municipalityCode', 'municipalityCode must be a known 3-digit municipality code');
  }
  if (present('houseCode') && (typeof houseCode !== 'string' || !houseCodes.has(houseCode))) {
    problem('INBOUND.UNKNOWN_HOUSE', 'houseCode', `houseCode must be a known børnehus code (${[...houseCodes].join(', ')})`);
  }
  for (const [field, value] of [['conductedAt', conductedAt], ['reportedToPoliceAt', reportedToPoliceAt], ['requestedAt', requestedAt]] as const) {
    if (present(field) && !isCalendarDate(value)) problem('INBOUND.INVALID_DATE', field, `${field} must be a real date written YYYY-MM-DD`);
  }
  if (present('reinterview') && typeof reinterview !== 'boolean') problem('INBOUND.INVALID_FIELD', 'reinterview', 'reinterview must be true or false');
  // Every field sent is also held to its schema in the contract. For the fields above that adds
  // nothing (their own checks are stricter); a field added to the contract is checked by it alone.
  for (const field of videoInterviewFields) {
    if (field === 'childCpr' || !present(field) || found.some((f) => f.problem.field === field)) continue;
    const [first] = validateIntegrationEventField(PoliceVideoInterviewMessageV1.type, field, body[field]);
    if (first) problem('INBOUND.INVALID_FIELD', field, first);
  }

  if (found.length > 0) {
    const code = inputProblemCodes.find((c) => found.some((f) => f.code === c))!;
    return { valid: false, code, problems: found.map((f) => f.problem) };
  }
  // Checked above: each field sent is what VideoInterviewInput says. An optional field not sent
  // (or sent as null) is left out; reinterview is then false.
  const sent = Object.fromEntries(videoInterviewFields.filter(present).map((field) => [field, body[field]])) as Omit<VideoInterviewInput, 'reinterview'> & { reinterview?: boolean };
  return { valid: true, input: { ...sent, reinterview: sent.reinterview ?? false } };
}
