import { describeAccessContract } from '@sagsspor/service-testing';
import { sectorCoordinationService } from './service';

// Who may call what. A new route fails this test until it declares @Access and is added here.
describeAccessContract(sectorCoordinationService, {
  'GET /health': 'public',
  'GET /health/live': 'public',
  'GET /metrics': 'public',
  'GET /v1/admin/audit-log': 'admin',
  'GET /v1/admin/child-erasures': 'admin',
  'POST /v1/admin/child-erasures': 'admin',
  'POST /v1/case-conferences': 'boernehus[resource] admin',
  'POST /v1/examinations': 'boernehus[resource] admin',
  'POST /v1/video-interview-requests': 'police admin',
  'POST /v1/video-interviews': 'police admin',
  'GET /v1/video-interviews/encryption-key': 'public',
  'GET /v1/video-interviews/:interviewId': 'boernehus[resource] police admin',
  'POST /v1/video-interviews/:interviewId/release': 'police admin',
  'PUT /v1/video-interviews/:interviewId/site': 'boernehus[resource] police admin',
});
