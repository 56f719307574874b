import { generateCpr } from '@sagsspor/testing';
import { type AuditEntry, auditedResourceOf, REPEATED_UNAUTHENTICATED_ACTION, UnauthenticatedCounter } from './audit-log';

describe('auditedResourceOf: what an audit entry says the request was about', () => {
  it('names a create\'s resource and tenant from its body, and nothing else of the body', () => {
    const body = { underretningId: 'AAR-U-1', childCpr: generateCpr('2016-04-02', 'female', 7), municipalityCode: '751', receivedAt: '2026-10-01', concerns: ['violence'], source: 'school' };
    expect(auditedResourceOf({}, body)).toEqual({ underretningId: 'AAR-U-1', municipalityCode: '751' });
  });

  it('adds the tenant of the resource the handler checked, and only its tenant fields', () => {
    const loaded = { municipalityCode: '751', houseCode: 'midt', childRef: 'f'.repeat(64) };
    expect(auditedResourceOf({ referralId: 'R-1' }, { acceptedAt: '2025-03-19' }, loaded)).toEqual({ referralId: 'R-1', municipalityCode: '751', houseCode: 'midt' });
  });

  it('copies no value that is not of id form: no long, odd or non-string values', () => {
    const body = { caseId: 'x'.repeat(101), examinationId: 'a b', houseCode: 7, conferenceId: ['c'], policeDistrict: 'fyn' };
    expect(auditedResourceOf({ caseId: 'y'.repeat(5000) }, body)).toEqual({ caseId: '(refused: 5000 characters)', policeDistrict: 'fyn' });
    expect(auditedResourceOf({ referralId: 'a note with spaces' }, {})).toEqual({ referralId: '(refused: 18 characters)' });
    expect(auditedResourceOf({ caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', year: '2025' }, {})).toEqual({ caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', year: '2025' });
    expect(auditedResourceOf({}, 'not an object')).toEqual({});
    expect(auditedResourceOf({}, [{ caseId: 'c' }])).toEqual({});
  });
});

describe('UnauthenticatedCounter: 401s from one address in one window', () => {
  const refused = (clientAddress: string, correlationId: string): AuditEntry => ({
    subject: null,
    role: null,
    tenant: null,
    action: 'GET /v1/cases/:caseId',
    resource: { caseId: 'c' },
    outcome: 401,
    correlationId,
    clientAddress,
    occurrences: 1,
  });

  it('records the first of an address as it is, counts the rest, and writes their count when the window closes', () => {
    const counter = new UnauthenticatedCounter();
    expect(counter.count(refused('203.0.113.7', 'c1'))).toEqual(refused('203.0.113.7', 'c1'));
    for (let i = 2; i <= 1000; i++) expect(counter.count(refused('203.0.113.7', `c${i}`))).toBeUndefined();
    expect(counter.count(refused('198.51.100.1', 'd1'))).toEqual(refused('198.51.100.1', 'd1'));
    expect(counter.close()).toEqual([
      { subject: null, role: null, tenant: null, action: REPEATED_UNAUTHENTICATED_ACTION, resource: {}, outcome: 401, correlationId: 'c1000', clientAddress: '203.0.113.7', occurrences: 999 },
    ]);
    // A new window: the address's next 401 is recorded again.
    expect(counter.count(refused('203.0.113.7', 'e1'))).toEqual(refused('203.0.113.7', 'e1'));
    expect(counter.close()).toEqual([]);
  });
});
