import { describeAccessContract } from '@sagsspor/service-testing';
import { referralsService } from './service';

// Who may call what. A new route fails this test until it declares @Access and is added here.
describeAccessContract(referralsService, {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /metrics': 'public',
  'GET /v1/admin/audit-log': 'admin',
  'GET /v1/admin/child-erasures': 'admin',
  'POST /v1/admin/child-erasures': 'admin',
  'POST /v1/consultations': 'municipality[body.municipalityCode] boernehus[body.houseCode] admin',
  'GET /v1/consultations/:consultationId': 'municipality[resource] boernehus[resource] admin',
  'GET /v1/referrals': 'boernehus[query.house?] ops[query.house?] admin',
  'POST /v1/referrals': 'municipality[body.municipalityCode] admin',
  'GET /v1/referrals/:referralId': 'municipality[resource] boernehus[resource] ops[resource] admin',
  'POST /v1/referrals/:referralId/accept': 'boernehus[resource] admin',
  'POST /v1/referrals/:referralId/reject': 'boernehus[resource] admin',
  'POST /v1/referrals/:referralId/withdraw': 'municipality[resource] admin',
  'POST /v1/underretninger': 'municipality[body.municipalityCode] admin',
  'POST /v1/underretninger/batch': 'municipality[body.municipalityCode] admin',
  'GET /v1/underretninger/:underretningId': 'municipality[resource] admin',
  'POST /v1/underretninger/:underretningId/decisions': 'municipality[resource] admin',
  'POST /v1/underretninger/:underretningId/not-referred-reasons': 'municipality[resource] admin',
});
