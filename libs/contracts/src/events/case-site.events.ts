import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import { type DataOf, houseCode, municipalityCode, objectSchema, siteCode, uuid } from './common.schemas';

const caseSiteAssignedSchema = objectSchema({ caseId: uuid, houseCode, municipalityCode, siteCode });
export type CaseSiteAssignedV1 = DataOf<typeof caseSiteAssignedSchema>;

export const CaseSiteAssignedV1 = defineIntegrationEvent<CaseSiteAssignedV1>({
  type: 'dk.sagsspor.case-lifecycle.case-site-assigned.v1',
  topic: Topics.caseLifecycleEvents,
  source: '/sagsspor/case-lifecycle',
  description:
    "The house put the case at one of its sites (Syd's Odense, Esbjerg or Aabenraa; Midt's Aarhus or Herning, ...). Until the first of these a case is at the house's main site; the latest is where the case is.",
  schema: caseSiteAssignedSchema,
  example: { caseId: '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f', houseCode: 'midt', municipalityCode: '657', siteCode: 'midt-herning' },
});
