import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import { type DataOf, houseCode, municipalityCode, objectSchema, siteCode } from './common.schemas';
import { videoInterviewFacts } from './sector-coordination.events';

const { interviewId, policeDistrict } = videoInterviewFacts;
const videoInterviewSiteAssignedSchema = objectSchema({ interviewId, policeDistrict, houseCode, municipalityCode, siteCode });
export type VideoInterviewSiteAssignedV1 = DataOf<typeof videoInterviewSiteAssignedSchema>;

export const VideoInterviewSiteAssignedV1 = defineIntegrationEvent<VideoInterviewSiteAssignedV1>({
  type: 'dk.sagsspor.sector-coordination.video-interview-site-assigned.v1',
  topic: Topics.sectorCoordinationEvents,
  source: '/sagsspor/sector-coordination',
  description:
    "The interview was put at one of its house's sites (Syd's Odense, Esbjerg or Aabenraa; Midt's Aarhus or Herning, ...), ADR 0076. Until the first of these an interview is at its house's main site; the latest is where it is, as long as its house is the one named here (a correction that moves the interview to another house puts it at that house's main site until it is put at a site of that house).",
  schema: videoInterviewSiteAssignedSchema,
  example: { interviewId: 'OJP-VA-2025-0815', policeDistrict: 'oestjylland', houseCode: 'midt', municipalityCode: '751', siteCode: 'midt-herning' },
});
