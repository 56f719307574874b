import { type AccessPolicy, decideAccess, houseScopeOf, ownsResource } from './access';
import type { Principal } from './principal';

const aarhus: Principal = { subject: 'a', role: 'municipality', municipalityCode: '751' };
const midt: Principal = { subject: 'b', role: 'boernehus', houseCode: 'midt' };
const opsMidt: Principal = { subject: 'c', role: 'ops', houseCode: 'midt' };
const opsNational: Principal = { subject: 'd', role: 'ops' };
const police: Principal = { subject: 'e', role: 'police' };

const submit: AccessPolicy = { municipality: { in: 'body', field: 'municipalityCode' }, admin: 'any' };
const report: AccessPolicy = { ops: { in: 'query', field: 'house', optional: true }, boernehus: { in: 'query', field: 'house', optional: true }, admin: 'any' };

describe('decideAccess', () => {
  it('lets a municipality act for itself and refuses another municipality, naming both', () => {
    expect(decideAccess(aarhus, submit, { method: 'POST', body: { municipalityCode: '751' } })).toEqual({ allowed: true, rule: submit.municipality });
    expect(decideAccess(aarhus, submit, { method: 'POST', body: { municipalityCode: '101' } })).toMatchObject({ allowed: false, status: 403, code: 'AUTH.OTHER_TENANT', message: expect.stringMatching(/municipality 751/) });
  });

  it('refuses a role the route does not name', () => {
    expect(decideAccess(police, submit, { method: 'POST', body: {} })).toMatchObject({ allowed: false, code: 'AUTH.ROLE_NOT_ALLOWED' });
  });

  it('keeps ops read-only whatever the policy says', () => {
    expect(decideAccess(opsNational, { ops: 'any' }, { method: 'POST' })).toMatchObject({ allowed: false, code: 'AUTH.READ_ONLY_ROLE' });
    expect(decideAccess(opsNational, { ops: 'any' }, { method: 'GET' })).toMatchObject({ allowed: true });
  });

  it('scopes reports: a house-bound ops user may ask for its own house or none, never another', () => {
    expect(decideAccess(opsMidt, report, { method: 'GET', query: {} })).toMatchObject({ allowed: true });
    expect(decideAccess(opsMidt, report, { method: 'GET', query: { house: 'midt' } })).toMatchObject({ allowed: true });
    expect(decideAccess(opsMidt, report, { method: 'GET', query: { house: 'syd' } })).toMatchObject({ allowed: false, code: 'AUTH.OTHER_TENANT' });
    expect(decideAccess(opsNational, report, { method: 'GET', query: { house: 'syd' } })).toMatchObject({ allowed: true });
    expect(houseScopeOf(opsMidt, undefined)).toBe('midt');
    expect(houseScopeOf(opsMidt, 'syd')).toBe('midt');
    expect(houseScopeOf(opsNational, 'syd')).toBe('syd');
  });

  it('decides resource tenancy by the resource itself', () => {
    expect(ownsResource(midt, { houseCode: 'midt', municipalityCode: '751' })).toBe(true);
    expect(ownsResource(midt, { houseCode: 'syd', municipalityCode: '461' })).toBe(false);
    expect(ownsResource(aarhus, { houseCode: 'midt', municipalityCode: '751' })).toBe(true);
    expect(ownsResource(aarhus, { houseCode: 'midt', municipalityCode: '727' })).toBe(false);
    expect(ownsResource(police, { houseCode: 'syd' })).toBe(true);
  });
});
