import { houseSites } from '@sagsspor/reference-data';

// Where the demo's cases and police interviews are held, so the site views have something to show
// on a first start. Our choice, for demo data only: a child comes to the site nearest its
// municipality; a municipality not listed here comes to its house's main site (the default, so the
// plan names no site for it). Herning opened in 2021 (Børnehus Midt 2021: "Nyt børnehus i Herning").
const nearestSite: Record<string, { site: string; since?: string }> = {
  ...Object.fromEntries(['561', '563', '573', '575', '530'].map((m) => [m, { site: 'syd-esbjerg' }])), // Esbjerg, Fanø, Varde, Vejen, Billund
  ...Object.fromEntries(['580', '510', '540', '550'].map((m) => [m, { site: 'syd-aabenraa' }])), // Aabenraa, Haderslev, Sønderborg, Tønder
  ...Object.fromEntries(['657', '756', '760', '661', '671', '665'].map((m) => [m, { site: 'midt-herning', since: '2021-01-01' }])), // Herning, Ikast-Brande, Ringkøbing-Skjern, Holstebro, Struer, Lemvig
  ...Object.fromEntries(['219', '217', '210', '270', '260', '250', '201'].map((m) => [m, { site: 'hovedstaden-hilleroed' }])), // Hillerød, Helsingør, Fredensborg, Gribskov, Halsnæs, Frederikssund, Allerød
};

/** The site (not the main one) a child of the municipality comes to at the house on the day, or undefined for the house's main site. */
export function demoSiteOf(municipalityCode: string, houseCode: string, on: string): string | undefined {
  const near = nearestSite[municipalityCode];
  if (!near || (near.since && on < near.since)) return undefined;
  return houseSites.some((s) => s.code === near.site && s.houseCode === houseCode && !s.main) ? near.site : undefined;
}
