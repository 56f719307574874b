import { type ChildIdentity, DomainError, parseCpr } from '@sagsspor/domain';
import { childRefOf } from './child-ref';

/** CPR → identity, or a DomainError naming `field` (422) when the number is not a real CPR. */
export function childIdentityFromCpr(cpr: string, secret: string, field = 'childCpr'): ChildIdentity {
  const parsed = parseCpr(cpr);
  if ('problem' in parsed) throw new DomainError('CHILD.INVALID_CPR', `${field} ${parsed.problem}`, 'invalid');
  return { childRef: childRefOf(cpr, secret), childBirthDate: parsed.birthDate, childSex: parsed.sex };
}
