import { ApiProperty } from '@nestjs/swagger';
import { siteCodes } from '@sagsspor/reference-data';
import { IsIn } from 'class-validator';

export class AssignSiteRequest {
  @ApiProperty({ enum: siteCodes, example: 'midt-herning', description: "A site of the case's house (reference data house_sites.csv); a site of another house is a 422 naming the house's sites" })
  @IsIn(siteCodes, { message: `siteCode must be a site of a house: ${siteCodes.join(', ')}` })
  siteCode!: string;
}
