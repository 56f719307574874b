import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type ChildSex, childSexes, type HouseCode, houseCodes, videoInterviewV1Fields } from '@sagsspor/contracts';
import { IsCalendarDate, IsCallerId } from '@sagsspor/platform';
import { policeDistricts, siteCodes } from '@sagsspor/reference-data';

const policeDistrictCodes = policeDistricts.map((d) => d.code);

/**
 * POST /v1/video-interviews, for the OpenAPI description only: the body is checked by
 * validateVideoInterviewInput, the one validation shared with the inbound Kafka topic.
 */
export class RecordVideoInterviewRequest {
  @ApiProperty({
    example: 'OJP-VA-2025-0815',
    pattern: '^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$',
    description: "The police system's own id of the interview. Sending it again with other content corrects the interview (a new revision); with the same content it changes nothing. Must not contain a CPR number in any form (docs/data-protection.md).",
  })
  interviewId!: string;

  @ApiProperty({ example: 'oestjylland', enum: policeDistrictCodes, description: 'The police district (politikreds) that conducted the interview' })
  policeDistrict!: string;

  @ApiProperty({ example: '020416-4002', description: "The child's CPR number (DDMMYY-SSSS or DDMMYYSSSS). Turned into a pseudonym (childRef) at once; kept only encrypted, never passed on." })
  childCpr!: string;

  @ApiProperty({ example: '751', description: 'The acting municipality (handlekommune), 3 digits' })
  municipalityCode!: string;

  @ApiProperty({ example: 'midt', enum: houseCodes, description: 'The børnehus where the interview was held' })
  houseCode!: HouseCode;

  @ApiProperty({ format: 'date', example: '2025-03-11', description: 'The day of the interview (Europe/Copenhagen); not in the future' })
  conductedAt!: string;

  @ApiPropertyOptional({ format: 'date', example: '2025-03-05', description: 'The day the case was reported to the police; not after conductedAt. Gives daysFromReport and lateAgainstTarget.' })
  reportedToPoliceAt?: string;

  @ApiPropertyOptional({ format: 'date', example: '2025-03-06', description: 'The day the interview was requested; not after conductedAt' })
  requestedAt?: string;

  @ApiPropertyOptional({ example: false, default: false, description: 'A second interview of the same child in the same matter' })
  reinterview?: boolean;
}

export class VideoInterviewResponse {
  @ApiProperty({ example: 'OJP-VA-2025-0815' }) interviewId!: string;
  @ApiProperty({ example: 1, description: 'Starts at 1; each correction adds one. The highest revision is the truth.' }) revision!: number;
  @ApiProperty({ example: 'oestjylland' }) policeDistrict!: string;
  @ApiProperty({ example: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d', description: "The child's pseudonym (never the CPR)" }) childRef!: string;
  @ApiProperty({ enum: childSexes }) childSex!: ChildSex;
  @ApiProperty({ example: 8, description: 'Age in whole years on conductedAt' }) childAgeYears!: number;
  @ApiProperty({ example: '751' }) municipalityCode!: string;
  @ApiProperty({ enum: houseCodes }) houseCode!: HouseCode;
  @ApiProperty({ format: 'date', example: '2025-03-11' }) conductedAt!: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-05' }) reportedToPoliceAt?: string;
  @ApiPropertyOptional({ format: 'date', example: '2025-03-06' }) requestedAt?: string;
  @ApiProperty({ example: false }) reinterview!: boolean;
  @ApiPropertyOptional({ example: 6, description: 'Calendar days from reportedToPoliceAt to conductedAt' }) daysFromReport?: number;
  @ApiProperty({ example: false, description: 'Held more than 7 days after the police report (the target)' }) lateAgainstTarget!: boolean;
}

export class VideoInterviewRevisionResponse {
  @ApiProperty({ example: 2 }) revision!: number;
  @ApiProperty({ enum: videoInterviewV1Fields, isArray: true, maxItems: videoInterviewV1Fields.length, example: ['conductedAt', 'reportedToPoliceAt'], description: 'What this revision changed; empty for revision 1' }) changedFields!: string[];
  @ApiProperty({ enum: ['rest', 'kafka'], description: 'How the police system sent it' }) receivedVia!: 'rest' | 'kafka';
  @ApiProperty({ format: 'date-time', example: '2025-03-12T09:14:03.120Z' }) recordedAt!: string;
  @ApiProperty({ type: VideoInterviewResponse }) interview!: VideoInterviewResponse;
}

const SITE_OF_INTERVIEW =
  "The site of the house the interview is at (ADR 0076): the one it was put at (PUT /v1/video-interviews/{interviewId}/site) while that is a site of its house, else the house's main site (reference data house_sites.csv)";

export class VideoInterviewHistoryResponse extends VideoInterviewResponse {
  @ApiPropertyOptional({ format: 'date', example: '2025-03-12', description: 'When the police released the child after this interview' }) releasedAt?: string;
  @ApiProperty({ enum: siteCodes, example: 'midt-herning', description: SITE_OF_INTERVIEW }) siteCode!: string;
  @ApiProperty({ type: [VideoInterviewRevisionResponse], description: 'Every revision, oldest first' }) revisions!: VideoInterviewRevisionResponse[];
}

/** The path of an interview's routes: `/v1/video-interviews/{interviewId}`. */
export class VideoInterviewPath {
  @IsCallerId()
  interviewId!: string;
}

export class ReleaseChildRequest {
  @ApiProperty({ example: '2025-03-12', description: 'The day the police released (frigav) the child; not before the interview, not in the future' })
  @IsCalendarDate()
  releasedAt!: string;
}

export class ReleaseResponse {
  @ApiProperty({ example: 'OJP-VA-2025-0815' }) interviewId!: string;
  @ApiProperty({ example: '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d' }) childRef!: string;
  @ApiProperty({ format: 'date', example: '2025-03-12' }) releasedAt!: string;
}

export class VideoInterviewSiteResponse {
  @ApiProperty({ example: 'OJP-VA-2025-0815' }) interviewId!: string;
  @ApiProperty({ example: 'oestjylland' }) policeDistrict!: string;
  @ApiProperty({ enum: houseCodes }) houseCode!: HouseCode;
  @ApiProperty({ enum: siteCodes, example: 'midt-herning', description: SITE_OF_INTERVIEW }) siteCode!: string;
}

export class EncryptionKeySetResponse {
  @ApiProperty({
    type: 'array',
    maxItems: 1,
    items: {
      type: 'object',
      required: ['kty', 'n', 'e', 'kid', 'alg', 'use'],
      additionalProperties: false,
      properties: {
        kty: { type: 'string', enum: ['RSA'] },
        // Base64url of the modulus and exponent: at most 2731 characters for OpenSSL's largest RSA key (16384 bits).
        n: { type: 'string', maxLength: 2731, pattern: '^[A-Za-z0-9_-]+$' },
        e: { type: 'string', maxLength: 2731, pattern: '^[A-Za-z0-9_-]+$' },
        kid: { type: 'string', maxLength: 200, description: 'Name it in the JWE header' },
        alg: { type: 'string', enum: ['RSA-OAEP-256'] },
        use: { type: 'string', enum: ['enc'] },
      },
    },
    description: 'One RSA public key (JWK) for RSA-OAEP-256: encrypt childCpr to it as a compact JWE with enc A256GCM and its kid in the header',
    example: [{ kty: 'RSA', kid: 'sagsspor-sc-inbound-cpr-2026-1', alg: 'RSA-OAEP-256', use: 'enc', e: 'AQAB', n: 'sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bO' }],
  })
  keys!: object[];
}
