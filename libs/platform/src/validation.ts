import { isCalendarDate } from '@sagsspor/calendar';
import { findMunicipality } from '@sagsspor/reference-data';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Length, Matches, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';

/** A real calendar date written YYYY-MM-DD (Europe/Copenhagen business date). */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a real date written YYYY-MM-DD`, ...options },
      validator: { validate: isCalendarDate },
    });
}

/** A date, or a date and time with its offset: at most 32 characters (2025-06-01T09:14:03.123456+02:00). */
export const TIMESTAMP = /^[1-9]\d{3}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** An instant written ISO 8601 (`2025-06-01T00:00:00Z`, or a date): a real day and time, so the database never sees one it cannot read. */
export function IsTimestamp(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimestamp',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date or a date and time written ISO 8601, e.g. 2025-06-01T00:00:00Z`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && TIMESTAMP.test(value) && isCalendarDate(value.slice(0, 10)) && Number.isFinite(Date.parse(value)) },
    });
}

/** A municipality code from the reference data. */
export function IsKnownMunicipality(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isKnownMunicipality',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a known 3-digit municipality code`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && findMunicipality(value) !== undefined },
    });
}

/** The characters of an id a caller chooses (referral, interview, service ids): letters, digits and . _ : / -, from a letter or digit. */
export const CALLER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;
/** The longest id any route takes. */
export const MAX_ID_LENGTH = 100;

/**
 * An id the caller chooses: a string of 1 to `maxLength` characters of CALLER_ID_PATTERN, checked
 * and documented (OpenAPI maxLength and pattern) by this one decorator, in a body, a path or a query.
 */
export function IsCallerId(maxLength = MAX_ID_LENGTH, options?: ValidationOptions) {
  return applyDecorators(
    ApiProperty({ minLength: 1, maxLength, pattern: CALLER_ID_PATTERN.source }),
    IsString(options),
    Length(1, maxLength, { message: ({ property }) => `${property} must be 1-${maxLength} characters`, ...options }),
    Matches(CALLER_ID_PATTERN, { message: ({ property }) => `${property} must be letters, digits or . _ : / - (starting with a letter or digit)`, ...options }),
  );
}

/** Free text (a note, a reason): a string of at most `maxLength` characters, checked and documented by this one decorator. */
export function IsBoundedText(maxLength: number, minLength = 0, options?: ValidationOptions) {
  return applyDecorators(ApiProperty({ minLength, maxLength }), IsString(options), Length(minLength, maxLength, options));
}

/** A query or path string written as a whole decimal number becomes that number; any other form (`1e3`, `0x10`, ` 1`, `1.0`) stays text, for IsInt to refuse. */
const decimalIntegerOf = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d{1,16}$/.test(value) ? Number(value) : value);

/**
 * A whole number from `min` to `max`, in a body, a query or a path (`?page=2`): `1e309`, `0x10`,
 * `NaN`, `99999999999999999999`, `1.5` or a repeated parameter are refused with 400, never passed
 * on to a query as an out-of-range number.
 */
export function IsBoundedInt(min: number, max: number, options?: ValidationOptions) {
  return applyDecorators(
    ApiProperty({ type: 'integer', minimum: min, maximum: max }),
    Transform(decimalIntegerOf),
    IsInt(options),
    Min(min, options),
    Max(max, options),
  );
}

/** The first year with figures: the houses opened on 1 October 2013. */
export const FIRST_YEAR = 2013;
/** The last year a reference value (tariff, budget) or a report can be asked for. */
export const LAST_YEAR = 2100;

/** The path of a year's routes (`/v1/reference/tariffs/{year}`): a year from FIRST_YEAR to LAST_YEAR. */
export class YearPath {
  @IsBoundedInt(FIRST_YEAR, LAST_YEAR, { message: `year must be a year from ${FIRST_YEAR} to ${LAST_YEAR}` })
  year!: number;
}
