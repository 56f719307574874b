import { createHmac } from 'node:crypto';
import { normaliseCpr } from '@sagsspor/domain';

/**
 * The child's pseudonym: HMAC-SHA256 of the normalised CPR with a secret shared by the services,
 * so one child has one childRef everywhere and the CPR cannot be recovered from it.
 */
export function childRefOf(cpr: string, secret: string): string {
  return createHmac('sha256', secret).update(normaliseCpr(cpr)).digest('hex');
}
