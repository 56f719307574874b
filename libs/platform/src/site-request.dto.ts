import { ApiProperty } from '@nestjs/swagger';
import { siteCodes } from '@sagsspor/reference-data';
import { IsIn } from 'class-validator';

/**
 * The body of `PUT .../site` (a case in case-lifecycle, a video interview in sector-coordination;
 * ADR 0075, 0076): a site of any house, else 400; whether it is a site of the case's or interview's
 * house is the domain's to say (a 422 naming the house's sites).
 */
export class AssignSiteRequest {
  @ApiProperty({ enum: siteCodes, example: 'midt-herning', description: "A site of the house of the case or interview (reference data house_sites.csv); a site of another house is a 422 naming the house's sites" })
  @IsIn(siteCodes, { message: `siteCode must be a site of a house: ${siteCodes.join(', ')}` })
  siteCode!: string;
}
