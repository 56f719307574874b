import 'reflect-metadata';
import { PoliceVideoInterviewMessageV1, VideoInterviewRecordedV1 } from '@sagsspor/contracts';
import { parseCpr } from '@sagsspor/domain';
import { RecordVideoInterviewRequest, VideoInterviewResponse } from './video-interview.request.dto';

// The request and response classes describe the video interview for the OpenAPI document (with
// descriptions and examples for people). They are written as classes for @nestjs/swagger, so these
// tests hold them to the contract they describe: the same fields, in the same order, the same ones required.

type Schema = { properties: Record<string, unknown>; required: readonly string[] };
const contractFields = (schema: unknown, clear: (field: string) => string = (f) => f) => {
  const { properties, required } = schema as Schema;
  return Object.keys(properties).map((field) => ({ field: clear(field), required: required.includes(field) }));
};
const documentedFields = (type: { prototype: object }) =>
  (Reflect.getMetadata('swagger/apiModelPropertiesArray', type.prototype) as string[])
    .map((p) => p.replace(/^:/, ''))
    .map((field) => ({ field, required: (Reflect.getMetadata('swagger/apiModelProperties', type.prototype, field) as { required?: boolean }).required !== false }));
const exampleOf = (type: { prototype: object }) =>
  Object.fromEntries(documentedFields(type).map(({ field }) => [field, (Reflect.getMetadata('swagger/apiModelProperties', type.prototype, field) as { example: unknown }).example]));

describe('the OpenAPI description of a video interview follows the contract', () => {
  it('POST /v1/video-interviews documents the fields of the inbound police message, with the CPR in clear', () => {
    expect(documentedFields(RecordVideoInterviewRequest)).toEqual(contractFields(PoliceVideoInterviewMessageV1.schema, (f) => (f === 'childCprEncrypted' ? 'childCpr' : f)));
  });

  it('POST /v1/video-interviews has the example of the inbound police message', () => {
    const { childCprEncrypted: _jwe, ...facts } = PoliceVideoInterviewMessageV1.example;
    const { childCpr, ...documented } = exampleOf(RecordVideoInterviewRequest);
    expect(documented).toEqual(facts);
    expect(parseCpr(String(childCpr))).toHaveProperty('birthDate');
    expect(childCpr).toContain('-');
  });

  it('the interview it answers with documents the fields of the published VideoInterviewRecordedV1', () => {
    expect(documentedFields(VideoInterviewResponse)).toEqual(contractFields(VideoInterviewRecordedV1.schema));
  });
});
