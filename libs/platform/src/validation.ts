import { isCalendarDate } from '@sagsspor/calendar';
import { findMunicipality } from '@sagsspor/reference-data';
import { registerDecorator, type ValidationOptions } from 'class-validator';

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
