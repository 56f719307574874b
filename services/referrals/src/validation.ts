import { findMunicipality } from '@sagsspor/reference-data';
import { registerDecorator, type ValidationOptions } from 'class-validator';

export const CPR_FORMAT = /^\d{6}-?\d{4}$/;
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

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

/** A real calendar date written YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && ISO_DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value,
      },
    });
}
