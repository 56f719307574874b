// Danish number and date formats for the dashboard (Intl 'da-DK').

const whole = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
const two = new Intl.NumberFormat('da-DK', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A count or whole number of days; a dash for no value. */
export const number = (value) => (value === null || value === undefined ? '–' : whole.format(value));
/** Rates and ratios: always two decimals ("1,50"). */
export const decimal2 = (value) => (value === null || value === undefined ? '–' : two.format(value));
/** A whole percent ("46 %"). */
export const percent = (value) => (value === null || value === undefined ? '–' : `${whole.format(value)} %`);

const monthNames = ['jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'];
/** "2025-03" → "mar. 2025". */
export const month = (key) => (/^\d{4}-\d{2}$/.test(key) ? `${monthNames[Number(key.slice(5)) - 1]} ${key.slice(0, 4)}` : key);
/** "2025-03-04" → "4.3.2025". */
export const date = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso ?? '') ? `${Number(iso.slice(8))}.${Number(iso.slice(5, 7))}.${iso.slice(0, 4)}` : (iso ?? '–'));

/**
 * A `missing` note of the API (English, like all of the JSON API) in Danish, for the notes the reports
 * give; any other note is shown as the API wrote it.
 */
export function missingNoteDa(note) {
  const population = /^No FOLK1A population for (\d{4}): .*\((PUT \S+)\)$/.exec(note);
  if (population) return `Ingen FOLK1A-befolkning for ${population[1]}: kommunernes og regionernes estimerede sager kendes ikke (${population[2]})`;
  const budget = /^No expected cases in the (\d{4}) budget of (.+): its expected referrals are unknown \((PUT \S+)\)$/.exec(note);
  if (budget) return `Intet forventet sagstal i ${budget[2]}s budget for ${budget[1]}: børnehusets estimerede sager kendes ikke (${budget[3]})`;
  return note;
}
