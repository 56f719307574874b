import { mintDevelopmentToken, type Role } from '@sagsspor/auth';

/** A development bearer token for tests: `{ authorization: 'Bearer …' }` headers for the role and tenant. */
export async function authHeaders(role: Role, tenant: { municipality?: string; house?: string } = {}): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintDevelopmentToken({ role, ...tenant })}` };
}
