// Region Midtjylland 2017 as the annual statistics publish it (shared/fixtures/usage_2017_region_midt.csv).
export const regionMidt2017Csv = `municipality_code,municipality_name,region_code,closed_cases_2017,population_0_17,cases_per_1000,interval_value,published_as
710,Favrskov,1082,12,11821,1.02,3,shown
766,Hedensted,1082,50,10686,4.68,5,shown
657,Herning,1082,9,19224,0.47,1,shown
661,Holstebro,1082,2,12656,,,suppressed
615,Horsens,1082,22,19180,1.15,3,shown
756,Ikast-Brande,1082,2,9223,,,suppressed
665,Lemvig,1082,3,3867,0.78,2,shown
707,Norddjurs,1082,11,6940,1.59,4,shown
727,Odder,1082,9,4849,1.86,4,shown
730,Randers,1082,8,20053,0.40,1,shown
760,Ringkøbing-Skjern,1082,10,12493,0.80,2,shown
741,Samsø,1082,5,554,9.03,5,shown
740,Silkeborg,1082,8,20590,0.39,1,shown
746,Skanderborg,1082,24,15237,1.58,4,shown
779,Skive,1082,8,9381,0.85,2,shown
671,Struer,1082,11,4340,2.53,5,shown
706,Syddjurs,1082,6,8505,0.71,2,shown
791,Viborg,1082,32,21395,1.50,3,shown
751,Aarhus,1082,38,62903,0.60,2,shown
TOTAL,Region Midtjylland,1082,270,273897,0.99,2,shown`;

export interface PublishedMunicipality {
  code: string;
  name: string;
  closed: number;
  population: number;
  casesPer1000: number | null;
  intervalValue: number | null;
  publishedAs: 'shown' | 'suppressed';
}

export const regionMidt2017: PublishedMunicipality[] = regionMidt2017Csv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(','))
  .map(([code, name, , closed, population, rate, interval, publishedAs]) => ({
    code,
    name,
    closed: Number(closed),
    population: Number(population),
    casesPer1000: rate ? Number(rate) : null,
    intervalValue: interval ? Number(interval) : null,
    publishedAs: publishedAs as 'shown' | 'suppressed',
  }));
