import { DomainError } from '@sagsspor/event-store';
import { childRefOf } from './child-ref';
import { parseCpr } from './cpr';

/** What the service keeps of a child: the pseudonym, birth date and sex. The CPR stops here. */
export interface ChildIdentity {
  childRef: string;
  childBirthDate: string;
  childSex: 'female' | 'male';
}

export function childIdentityFromCpr(cpr: string, secret: string): ChildIdentity {
  const parsed = parseCpr(cpr);
  if ('problem' in parsed) throw new DomainError('CHILD.INVALID_CPR', `childCpr ${parsed.problem}`, 'invalid');
  return { childRef: childRefOf(cpr, secret), childBirthDate: parsed.birthDate, childSex: parsed.sex };
}
