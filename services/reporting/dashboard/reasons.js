// Two views of ADR 0074 (issue 23 items 6 and 9): what happens before the mandatory-referral
// criteria are met, and why cases ended before they were completed. The page's helpers come in
// `ui` (dashboard.js), so this file holds only what these views show.

/** The Danish wording of the reasons (reporting's reasons.danish.ts; the sources are quoted in docs/services/). */
export const notReferredReasonNames = {
  'preventive-measure-instead': 'Forebyggende støtte efter § 11 i stedet for børnefaglig undersøgelse',
  'severity-judged-too-low': 'Alvorsgraden vurderet for lav til en børnefaglig undersøgelse',
  'police-assessment-decided': 'Politiets vurdering af anmeldelse og sigtelse vægtet højest',
  'police-not-involved': 'Politiet ikke anset for involveret (kun sparring)',
  'consent-treated-as-required': 'Samtykke fra forældrene opfattet som et lovkrav',
  'treated-as-an-offer': 'Børnehuset opfattet som et tilbud og ikke et lovkrav',
  'parents-opposed': 'Forældrene har modstand mod et forløb i børnehuset',
  'trust-with-parents': 'Bekymring for tilliden mellem rådgiver og forældre',
  distance: 'Lang afstand til børnehuset',
  'disagreement-on-support-needs': 'Uenighed om barnets støttebehov',
  'waiting-time': 'Ventetid på børnehusets udredning',
  'limited-benefit': 'Børnehusets udredning supplerer ikke kommunens',
  'lack-of-knowledge': 'Manglende viden og kendskab til børnehuset',
  'municipal-economy': 'Kommunens økonomiske situation',
  other: 'Andet',
};

export const caseEndReasonNames = {
  'unstable-attendance': 'Ustabilt fremmøde',
  'family-not-motivated': 'Familien ikke motiveret til fremmøde',
  'parents-opposed': 'Forældrene har modstand mod forløbet',
  'municipality-withdrew': 'Kommunen trak sagen tilbage',
  'family-moved': 'Familien er flyttet',
  other: 'Andet',
  'not-given': 'Ikke angivet',
  total: 'I alt',
};

/** A count, or the dash of a suppressed one. */
const sum = (rows, pick) => (rows.some((r) => pick(r) === null) ? null : rows.reduce((s, r) => s + pick(r), 0));

export async function renderBeforeReferral(state, root, ui) {
  const house = ui.houseOf(state);
  const params = { ...ui.periodParams(state), house, municipality: state.municipality };
  const path = '/v1/reports/before-referral';
  const report = await ui.api(path, params);
  // The national rows when shown (they are the sums, suppressed where needed), else the sum of the municipality rows.
  const totals = report.rows.filter((r) => r.municipalityCode === 'total');
  const counted = totals.length > 0 ? totals : report.rows;
  const figure = (key) => sum(counted, (r) => r[key]);
  root.append(
    ui.el(
      'p',
      { class: 'lead' },
      `Underretninger om mistanke om overgreb, før kriterierne i Barnets lov § 125 er opfyldt (Ankestyrelsen: kommunernes brug af børnehuse) · periode ${ui.date(report.period.from)}–${ui.date(report.period.to)} · tal 0-2 og det, de kan udledes af, vises som – uden for kommunen selv`,
    ),
    ui.csvButton(path, params),
    ui.tiles([
      ['Underretninger', ui.number(figure('underretninger')), 'before-underretninger'],
      ['§ 11 i stedet for undersøgelse', ui.number(figure('preventiveMeasureInstead')), 'before-preventive'],
      ['Politiet kun konsulteret', ui.number(figure('policeOnlyConsulted')), 'before-police-consulted'],
      ['Årsag til ikke henvist registreret', ui.number(figure('withReasons')), 'before-with-reasons'],
    ]),
  );
  const reasons = Object.keys(notReferredReasonNames);
  root.append(
    ui.section(
      'Efter kommune og måned',
      ui.table(
        'Underretninger før kriterierne pr. kommune og måned',
        'before-referral',
        [
          { label: 'Kommune', value: (r) => r.name },
          { label: 'Måned', key: 'month', value: (r) => ui.month(r.month) },
          { label: 'Underretninger', key: 'underretninger', num: true, value: (r) => ui.number(r.underretninger) },
          { label: '§ 11 i stedet for undersøgelse', key: 'preventiveMeasureInstead', num: true, value: (r) => ui.number(r.preventiveMeasureInstead) },
          { label: 'Politiet kun konsulteret', key: 'policeOnlyConsulted', num: true, value: (r) => ui.number(r.policeOnlyConsulted) },
          { label: 'Årsag registreret', key: 'withReasons', num: true, value: (r) => ui.number(r.withReasons) },
        ],
        report.rows,
        (r) => ({ 'data-key': `${r.municipalityCode}|${r.month}`, class: r.municipalityCode === 'total' ? 'total' : undefined }),
      ),
    ),
    ui.section(
      'Årsager til ikke at henvise',
      ui.table(
        'Underretninger pr. registreret årsag (en underretning kan have flere)',
        'before-referral-reasons',
        [
          { label: 'Årsag', value: (r) => notReferredReasonNames[r.reason] },
          { label: 'Underretninger', key: 'count', num: true, value: (r) => ui.number(r.count) },
        ],
        reasons.map((reason) => ({ reason, count: sum(counted, (r) => r.reasons[reason]) })),
        (r) => ({ 'data-key': r.reason }),
      ),
    ),
  );
}

export async function renderCaseEndReasons(state, root, ui) {
  const house = ui.houseOf(state);
  const params = { ...ui.periodParams(state), house };
  const path = '/v1/reports/case-end-reasons';
  const report = await ui.api(path, params);
  const totals = report.rows.filter((r) => r.reason === 'total');
  root.append(
    ui.el('p', { class: 'lead' }, `Sager afsluttet som afbrudt eller trukket tilbage, efter årsag (Børnehus Midt: "ustabilt fremmøde", familier "ikke motiveret til fremmøde") · periode ${ui.date(report.period.from)}–${ui.date(report.period.to)}`),
    ui.csvButton(path, params),
    ui.tiles([
      ['Afbrudt', ui.number(totals.reduce((s, r) => s + r.interrupted, 0)), 'end-interrupted'],
      ['Trukket tilbage', ui.number(totals.reduce((s, r) => s + r.withdrawn, 0)), 'end-withdrawn'],
      ['Uden angivet årsag', ui.number(report.rows.filter((r) => r.reason === 'not-given').reduce((s, r) => s + r.total, 0)), 'end-not-given'],
    ]),
    ui.section(
      'Efter børnehus, år og årsag',
      ui.table(
        'Afbrudte og tilbagetrukne sager pr. børnehus, år og årsag',
        'case-end-reasons',
        [
          { label: 'Børnehus', value: (r) => r.name },
          { label: 'År', key: 'year', value: (r) => String(r.year) },
          { label: 'Årsag', key: 'reason', value: (r) => caseEndReasonNames[r.reason] },
          { label: 'Afbrudt', key: 'interrupted', num: true, value: (r) => ui.number(r.interrupted) },
          { label: 'Trukket tilbage', key: 'withdrawn', num: true, value: (r) => ui.number(r.withdrawn) },
          { label: 'I alt', key: 'total', num: true, value: (r) => ui.number(r.total) },
        ],
        report.rows.filter((r) => r.total > 0 || r.reason === 'total'),
        (r) => ({ 'data-key': `${r.houseCode}|${r.year}|${r.reason}`, class: r.reason === 'total' ? 'total' : undefined }),
      ),
    ),
  );
}
