/* global document, window, location, history, sessionStorage, fetch, URL, URLSearchParams, Blob, Node, FormData, setTimeout, atob */
// Sagsspor ops dashboard: reads the reporting service's report APIs with the bearer token the user
// signs in with (kept in this tab's sessionStorage) and draws them with Chart.js. Filters live in
// the URL, so a view can be bookmarked and shared; a bad filter shows the API's problem detail.

import { date, decimal2, missingNoteDa, month, number, percent } from './format.js';
import { municipalityTiles } from './municipality-tiles.js';
import { renderBeforeReferral, renderCaseEndReasons } from './reasons.js';

const TOKEN_KEY = 'sagsspor.dashboard.token';
const $ = (selector) => document.querySelector(selector);

/** A DOM element: el('td', { class: 'num' }, '12'). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

// ---- the views ------------------------------------------------------------------------------

const views = {
  'lead-times': {
    title: 'Indskrivningstid pr. børnehus',
    filters: ['period', 'house', 'region', 'municipality'],
    groupings: [],
    render: renderLeadTimes,
  },
  usage: {
    title: 'Brug af børnehuset pr. kommune',
    filters: ['year', 'house', 'region', 'municipality'],
    groupings: [
      ['municipality', 'Kommune'],
      ['region', 'Region'],
      ['house', 'Børnehus'],
    ],
    render: renderUsage,
  },
  'video-interviews': {
    title: 'Videoafhøringer, som ikke henvises',
    filters: ['period', 'house', 'region', 'municipality'],
    groupings: [
      ['month', 'Måned'],
      ['house', 'Børnehus'],
      ['policeDistrict', 'Politikreds'],
      ['municipality', 'Kommune'],
    ],
    render: renderVideoInterviews,
  },
  'interview-target': {
    title: 'Politiets 7-dagesmål for videoafhøringer',
    filters: ['period', 'house', 'region'],
    groupings: [],
    render: renderInterviewTarget,
  },
  annual: {
    title: 'Årsstatistik',
    filters: ['year', 'house', 'region'],
    groupings: [],
    render: renderAnnual,
  },
  gaps: {
    title: 'Manglende henvisninger (Barnets lov § 125)',
    filters: ['period', 'house', 'region', 'municipality'],
    groupings: [
      ['municipality', 'Kommune'],
      ['house', 'Børnehus'],
      ['month', 'Måned'],
    ],
    render: renderGaps,
  },
  referrals: {
    title: 'Henviste og estimerede sager',
    filters: ['period', 'house', 'region', 'municipality'],
    groupings: [
      ['municipality', 'Kommune'],
      ['region', 'Region'],
      ['house', 'Børnehus'],
      ['month', 'Måned'],
    ],
    render: renderReferrals,
  },
  forecast: {
    title: 'Forventet sagstal næste år',
    filters: ['year', 'house', 'region'],
    groupings: [],
    render: renderForecast,
  },
  'before-referral': {
    title: 'Før kriterierne: § 11, politiet og årsager til ikke at henvise',
    filters: ['period', 'house', 'region', 'municipality'],
    groupings: [],
    render: (state, root) => renderBeforeReferral(state, root, ui()),
  },
  'case-end-reasons': {
    title: 'Afbrudte og tilbagetrukne sager efter årsag',
    filters: ['period', 'house', 'region'],
    groupings: [],
    render: (state, root) => renderCaseEndReasons(state, root, ui()),
  },
};

/** The page's helpers, for the views in other files (reasons.js). */
const ui = () => ({ el, api, tiles, table, section, csvButton, periodParams, houseOf, date, month, number });

const filterNames = { period: 'periode', year: 'år', house: 'børnehus', region: 'region', municipality: 'kommune' };

// ---- state: the URL is the truth ------------------------------------------------------------

const stateKeys = ['view', 'year', 'from', 'to', 'house', 'region', 'municipality', 'groupBy'];

function readState() {
  const params = new URLSearchParams(location.search);
  const state = Object.fromEntries(stateKeys.map((k) => [k, params.get(k) ?? '']));
  if (!views[state.view]) state.view = 'lead-times';
  return state;
}

function writeState(state, replace = false) {
  const params = new URLSearchParams();
  for (const key of stateKeys) if (state[key]) params.set(key, state[key]);
  const url = `${location.pathname}?${params}`;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
}

let reference = { houses: [], regions: [], municipalities: [], policeDistricts: [] };
const houseName = (code) => reference.houses.find((h) => h.code === code)?.name ?? code;
const regionName = (code) => reference.regions.find((r) => r.code === code)?.name ?? code;
const municipalityName = (code) => reference.municipalities.find((m) => m.code === code)?.name ?? code;

// ---- the API --------------------------------------------------------------------------------

class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.detail ?? `status ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }
}

/** A filter the page checks itself (one the API of the view does not take). */
class FilterProblem extends Error {}

async function api(path, params, accept = 'application/json') {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const response = await fetch(`${path}?${query}`, { headers: { authorization: `Bearer ${token}`, accept } });
  if (!response.ok) {
    let problem;
    try {
      problem = await response.json();
    } catch {
      problem = undefined;
    }
    throw new ApiProblem(response.status, problem);
  }
  return accept === 'text/csv' ? response : response.json();
}

function showProblem(error) {
  const box = $('#message');
  box.replaceChildren();
  box.className = 'message error';
  if (error instanceof FilterProblem) {
    box.append(el('h2', {}, 'Filteret kan ikke bruges'), el('p', {}, error.message));
    return;
  }
  if (!(error instanceof ApiProblem)) {
    box.append(el('h2', {}, 'Rapporten kunne ikke hentes'), el('p', {}, `Der var ingen forbindelse til rapporteringstjenesten (${error.message}). Prøv igen om lidt.`));
    return;
  }
  const { status, problem } = error;
  const headings = {
    400: 'Filteret kan ikke bruges',
    401: 'Du er ikke logget ind (adgangsnøglen blev afvist)',
    403: 'Din adgangsnøgle giver ikke adgang til denne visning',
    422: 'Rapporten kan ikke laves for det valgte',
    429: 'For mange forespørgsler',
  };
  box.append(el('h2', {}, `${headings[status] ?? 'Rapporten kunne ikke hentes'} (${status})`));
  if (problem.detail) box.append(el('p', {}, problem.detail));
  if (Array.isArray(problem.errors) && problem.errors.length > 0) box.append(el('ul', {}, problem.errors.map((e) => el('li', {}, el('code', {}, e.field), `: ${e.message}`))));
  if (status === 401) box.append(el('p', {}, el('button', { type: 'button', onclick: signOut }, 'Log ind igen')));
}

function clearMessage() {
  const box = $('#message');
  box.replaceChildren();
  box.className = 'message';
}

// ---- period and filters per view ------------------------------------------------------------

function periodParams(state) {
  if (state.year) return { year: state.year };
  if (state.from || state.to) return { from: state.from, to: state.to };
  return {};
}

/** The house a view's API is asked for: the house filter, or the region's house. */
function houseOf(state) {
  if (state.region && !reference.regions.some((r) => r.code === state.region)) {
    throw new FilterProblem(`Ukendt region '${state.region}'. Vælg en af: ${reference.regions.map((r) => `${r.code} ${r.name}`).join(', ')}.`);
  }
  const regionHouse = state.region ? reference.houses.find((h) => h.regionCode === state.region)?.code : undefined;
  if (state.house && regionHouse && state.house !== regionHouse) {
    throw new FilterProblem(`${houseName(state.house)} ligger ikke i ${regionName(state.region)}: vælg enten børnehus eller region.`);
  }
  return state.house || regionHouse || undefined;
}

function checkMunicipality(state) {
  if (state.municipality && !reference.municipalities.some((m) => m.code === state.municipality)) {
    throw new FilterProblem(`Ukendt kommune '${state.municipality}': brug kommunens 3-cifrede kode (fx 751 for Aarhus).`);
  }
}

// ---- shared pieces --------------------------------------------------------------------------

const charts = [];
function destroyCharts() {
  while (charts.length) charts.pop().destroy();
}

const palette = { blue: '#1f5f9e', lightBlue: '#7fb0dd', teal: '#1b7f6b', amber: '#b35c00', red: '#b3261e', grey: '#5f6368' };

function chart(container, label, config, height = 260) {
  const canvas = el('canvas', { role: 'img', 'aria-label': label });
  const box = el('div', { class: 'chart', style: `height:${height}px` }, canvas);
  container.append(box);
  if (!window.Chart) {
    box.replaceChildren(el('p', { class: 'note' }, 'Diagrammet kunne ikke vises (Chart.js blev ikke indlæst); tallene står i tabellen.'));
    return;
  }
  const instance = new window.Chart(canvas, {
    ...config,
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      locale: 'da-DK',
      ...config.options,
      plugins: { legend: { position: 'bottom' }, ...config.options?.plugins },
    },
  });
  charts.push(instance);
}

function table(caption, testId, headers, rows, rowAttributes = () => ({})) {
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { 'data-testid': testId },
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', class: h.num ? 'num' : undefined }, h.label)))),
      el(
        'tbody',
        {},
        rows.map((row) =>
          el(
            'tr',
            rowAttributes(row),
            headers.map((h, i) => (i === 0 ? el('th', { scope: 'row' }, h.value(row)) : el('td', { class: h.num ? 'num' : undefined, 'data-column': h.key }, h.value(row)))),
          ),
        ),
      ),
    ),
  );
}

function tiles(items) {
  return el(
    'dl',
    { class: 'tiles' },
    items.map(([label, value, key, extra]) => el('div', { class: `tile${extra ? ` ${extra}` : ''}` }, el('dt', {}, label), el('dd', { 'data-figure': key }, value))),
  );
}

function section(title, ...children) {
  return el('section', { class: 'panel' }, el('h3', {}, title), ...children);
}

/** Downloads the view's report as CSV (Danish Excel dialect), with the token in the header. */
function csvButton(path, params) {
  const button = el('button', { type: 'button', class: 'csv' }, 'Hent data som CSV');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const response = await api(path, { ...params, format: 'csv', locale: 'da' }, 'text/csv');
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'rapport.csv';
      const url = URL.createObjectURL(new Blob([await response.arrayBuffer()], { type: 'text/csv;charset=utf-8' }));
      const link = el('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      showProblem(error);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

/** The trend endpoint covers at most ten years: the last 120 months of a longer period. */
function trendPeriod(period) {
  const [year, m] = period.to.slice(0, 7).split('-').map(Number);
  const earliest = new Date(Date.UTC(year, m - 120, 1)).toISOString().slice(0, 10);
  return { from: period.from < earliest ? earliest : period.from, to: period.to };
}

// ---- view: lead times -----------------------------------------------------------------------

async function renderLeadTimes(state, root) {
  const house = houseOf(state);
  checkMunicipality(state);
  const municipality = state.municipality || undefined;
  const params = { ...periodParams(state), house, municipality };
  const path = '/v1/reports/lead-times';
  const report = await api(path, params);
  const all = report.all;
  const monthly = (await api('/v1/reports/lead-times/trend', { ...trendPeriod(report.period), house, municipality })).months.map((m) => ({ key: m.month, closed: m.closed }));
  // A municipality caller gets its own municipality whether or not it asks (ADR 0075).
  const scope = report.municipality ? ` · ${municipalityName(report.municipality)} Kommunes sager` : '';

  root.append(
    el('p', { class: 'lead' }, `Periode ${date(report.period.from)}–${date(report.period.to)}${house ? ` · ${houseName(house)}` : ' · alle børnehuse'}${scope} · åbne sager pr. ${date(report.asOf)} · advarsel ${report.warningDays} dage før grænsen`),
    csvButton(path, params),
    tiles([
      ['Afsluttede sager', number(all.closed.count), 'closed-count'],
      ['Gns. indskrivningstid', `${number(all.closed.averageDays)} dage`, 'average-days'],
      ['Median', `${number(all.closed.medianDays)} dage`, 'median-days'],
      ['90-procent-fraktil', `${number(all.closed.p90Days)} dage`, 'p90-days'],
      ['Afsluttet inden for 90 dage', `${percent(all.closed.within90.percent)} (${number(all.closed.within90.count)})`, 'within90'],
      ['Afsluttet inden for 120 dage', `${percent(all.closed.within120.percent)} (${number(all.closed.within120.count)})`, 'within120'],
      ['Åbne sager', number(all.open.count), 'open-count'],
      ['Passerer snart 120 dage', number(all.open.approaching120.length), 'approaching120', all.open.approaching120.length > 0 ? 'warn' : undefined],
      ['Over 120 dage', number(all.open.passed120), 'passed120', all.open.passed120 > 0 ? 'alert' : undefined],
    ]),
  );

  const trend = section('Udvikling pr. måned (afsluttede sager)');
  root.append(trend);
  chart(trend, 'Gennemsnitlig indskrivningstid og andel afsluttet inden for 90 og 120 dage pr. måned', {
    type: 'line',
    data: {
      labels: monthly.map((m) => month(m.key)),
      datasets: [
        { label: 'Gns. indskrivningstid (dage)', data: monthly.map((m) => m.closed.averageDays), borderColor: palette.blue, backgroundColor: palette.blue, yAxisID: 'days' },
        { label: 'Median (dage)', data: monthly.map((m) => m.closed.medianDays), borderColor: palette.grey, backgroundColor: palette.grey, borderDash: [6, 4], yAxisID: 'days' },
        { label: 'Inden for 90 dage (%)', data: monthly.map((m) => m.closed.within90.percent), borderColor: palette.teal, backgroundColor: palette.teal, yAxisID: 'share' },
        { label: 'Inden for 120 dage (%)', data: monthly.map((m) => m.closed.within120.percent), borderColor: palette.amber, backgroundColor: palette.amber, yAxisID: 'share' },
      ],
    },
    options: {
      scales: {
        days: { type: 'linear', position: 'left', beginAtZero: true, title: { display: true, text: 'dage' } },
        share: { type: 'linear', position: 'right', min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'procent' } },
      },
    },
  });
  trend.append(
    table(
      'Indskrivningstid pr. måned',
      'lead-times-monthly',
      [
        { label: 'Måned', value: (m) => month(m.key) },
        { label: 'Afsluttede', key: 'closed', num: true, value: (m) => number(m.closed.count) },
        { label: 'Gns. dage', key: 'average', num: true, value: (m) => number(m.closed.averageDays) },
        { label: 'Median', key: 'median', num: true, value: (m) => number(m.closed.medianDays) },
        { label: '≤ 90 dage', key: 'within90', num: true, value: (m) => percent(m.closed.within90.percent) },
        { label: '≤ 120 dage', key: 'within120', num: true, value: (m) => percent(m.closed.within120.percent) },
      ],
      monthly,
    ),
  );

  const byHouse = report.byHouse;
  const distribution = section('Fordeling af indskrivningstid pr. børnehus');
  root.append(distribution);
  chart(distribution, 'Gennemsnit, median og 90-procent-fraktil af indskrivningstiden pr. børnehus', {
    type: 'bar',
    data: {
      labels: byHouse.map((g) => houseName(g.houseCode)),
      datasets: [
        { label: 'Median (dage)', data: byHouse.map((g) => g.closed.medianDays), backgroundColor: palette.lightBlue },
        { label: 'Gns. (dage)', data: byHouse.map((g) => g.closed.averageDays), backgroundColor: palette.blue },
        { label: '90-procent-fraktil (dage)', data: byHouse.map((g) => g.closed.p90Days), backgroundColor: palette.grey },
      ],
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'dage' } } } },
  });

  const shares = section('Andel afsluttet inden for 90 og 120 dage');
  root.append(shares);
  chart(shares, 'Andel af de afsluttede sager afsluttet inden for 90 og 120 dage pr. børnehus', {
    type: 'bar',
    data: {
      labels: byHouse.map((g) => houseName(g.houseCode)),
      datasets: [
        { label: 'Inden for 90 dage (%)', data: byHouse.map((g) => g.closed.within90.percent), backgroundColor: palette.teal },
        { label: 'Inden for 120 dage (%)', data: byHouse.map((g) => g.closed.within120.percent), backgroundColor: palette.amber },
      ],
    },
    options: { scales: { y: { min: 0, max: 100, title: { display: true, text: 'procent' } } } },
  });
  shares.append(
    table(
      'Indskrivningstid pr. børnehus (afsluttede sager i perioden, åbne sager i dag)',
      'lead-times-by-house',
      [
        { label: 'Børnehus', value: (g) => (g.houseCode === 'all' ? 'Alle' : houseName(g.houseCode)) },
        { label: 'Afsluttede', key: 'closed', num: true, value: (g) => number(g.closed.count) },
        { label: 'Gns. dage', key: 'average', num: true, value: (g) => number(g.closed.averageDays) },
        { label: 'Median', key: 'median', num: true, value: (g) => number(g.closed.medianDays) },
        { label: '90-fraktil', key: 'p90', num: true, value: (g) => number(g.closed.p90Days) },
        { label: '≤ 90 dage', key: 'within90', num: true, value: (g) => `${percent(g.closed.within90.percent)} (${number(g.closed.within90.count)})` },
        { label: '≤ 120 dage', key: 'within120', num: true, value: (g) => `${percent(g.closed.within120.percent)} (${number(g.closed.within120.count)})` },
        { label: 'Åbne', key: 'open', num: true, value: (g) => number(g.open.count) },
        { label: 'Passerer snart 120 dage', key: 'approaching120', num: true, value: (g) => number(g.open.approaching120.length) },
        { label: 'Over 120 dage', key: 'passed120', num: true, value: (g) => number(g.open.passed120) },
      ],
      [all, ...byHouse],
      (g) => ({ 'data-house': g.houseCode }),
    ),
  );

  root.append(sitesSection(report));

  const open = section('Åbne sager efter alder');
  root.append(open);
  const buckets = all.open.byAge.map((b) => b.bucket);
  const bucketColour = { '0-30': '#9ecae1', '31-60': '#4292c6', '61-90': '#1f5f9e', '91-120': palette.amber, '121+': palette.red };
  chart(open, 'Åbne sager pr. børnehus efter alder i dage; 91-120 og over 120 dage fremhævet', {
    type: 'bar',
    data: {
      labels: byHouse.map((g) => houseName(g.houseCode)),
      datasets: buckets.map((bucket) => ({ label: `${bucket} dage`, data: byHouse.map((g) => g.open.byAge.find((b) => b.bucket === bucket)?.count ?? 0), backgroundColor: bucketColour[bucket] ?? palette.grey })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'åbne sager' } } } },
  });
  open.append(
    table(
      'Åbne sager efter alder (dage siden sagen blev oprettet)',
      'open-by-age',
      [{ label: 'Alder', value: (b) => `${b.bucket} dage` }, { label: 'Åbne sager', key: 'count', num: true, value: (b) => number(b.count) }],
      all.open.byAge,
      (b) => ({ class: b.bucket === '121+' ? 'alert' : b.bucket === '91-120' ? 'warn' : undefined }),
    ),
  );
  root.append(section20Section(report));
  const soon = all.open.approaching120;
  open.append(
    soon.length === 0
      ? el('p', { class: 'note', 'data-testid': 'approaching120-none' }, `Ingen åbne sager passerer 120 dage inden for ${report.warningDays} dage.`)
      : table(
          `Sager der passerer 120 dage inden for ${report.warningDays} dage`,
          'approaching120',
          [
            { label: 'Sag', value: (c) => c.caseId },
            { label: 'Børnehus', key: 'house', value: (c) => houseName(c.houseCode) },
            { label: 'Oprettet', key: 'opened', value: (c) => date(c.openedAt) },
            { label: 'Alder (dage)', key: 'age', num: true, value: (c) => number(c.ageDays) },
            { label: 'Over 120 dage fra', key: 'passesOn', value: (c) => date(c.passesOn) },
          ],
          soon,
          () => ({ class: 'warn' }),
        ),
  );
}

/** The lead times per site of the houses in scope: Syd's three houses, Midt's Aarhus and Herning (ADR 0075). */
function sitesSection(report) {
  const part = section('Indskrivningstid pr. afdeling');
  part.append(
    table(
      'Indskrivningstid pr. afdeling (sager uden afdeling tæller på børnehusets hovedafdeling)',
      'lead-times-by-site',
      [
        { label: 'Afdeling', value: (g) => `${g.siteName} (${houseName(g.houseCode)})` },
        { label: 'Afsluttede', key: 'closed', num: true, value: (g) => number(g.closed.count) },
        { label: 'Gns. dage', key: 'average', num: true, value: (g) => number(g.closed.averageDays) },
        { label: 'Median', key: 'median', num: true, value: (g) => number(g.closed.medianDays) },
        { label: '≤ 90 dage', key: 'within90', num: true, value: (g) => `${percent(g.closed.within90.percent)} (${number(g.closed.within90.count)})` },
        { label: 'Åbne', key: 'open', num: true, value: (g) => number(g.open.count) },
        { label: 'Over 120 dage', key: 'passed120', num: true, value: (g) => number(g.open.passed120) },
        { label: 'Gns. ventetid (dage)', key: 'waiting', num: true, value: (g) => number(g.waitingReferralToOpened.averageDays) },
      ],
      report.bySite,
      (g) => ({ 'data-site': g.siteCode }),
    ),
    el('p', { class: 'note' }, report.definitions.bySite),
  );
  return part;
}

/** The municipality's § 20 deadline (aware + 4 months) of the open cases: passed, then near (ADR 0075). */
function section20Section(report) {
  const { passed, approaching } = report.all.open.section20;
  const cases = [...passed.map((c) => ({ ...c, state: 'passed' })), ...approaching.map((c) => ({ ...c, state: 'approaching' }))];
  const part = section('§ 20-frist (børnefaglig undersøgelse, 4 måneder)');
  part.append(
    tiles([
      ['§ 20-frist overskredet', number(passed.length), 'section20-passed', passed.length > 0 ? 'alert' : undefined],
      [`§ 20-frist inden for ${report.warningDays} dage`, number(approaching.length), 'section20-approaching', approaching.length > 0 ? 'warn' : undefined],
    ]),
    cases.length === 0
      ? el('p', { class: 'note', 'data-testid': 'section20-none' }, `Ingen åbne sager har overskredet § 20-fristen eller når den inden for ${report.warningDays} dage.`)
      : table(
          'Åbne sager, hvor kommunens § 20-frist er overskredet eller nærmer sig',
          'section20',
          [
            { label: 'Sag', value: (c) => c.caseId },
            { label: 'Kommune', key: 'municipality', value: (c) => municipalityName(c.municipalityCode) },
            { label: 'Børnehus', key: 'house', value: (c) => houseName(c.houseCode) },
            { label: 'Oprettet', key: 'opened', value: (c) => date(c.openedAt) },
            { label: 'Fristen overskredet fra', key: 'passesOn', value: (c) => date(c.passesOn) },
            { label: 'Status', key: 'state', value: (c) => (c.state === 'passed' ? 'overskredet' : 'nærmer sig') },
          ],
          cases,
          (c) => ({ class: c.state === 'passed' ? 'alert' : 'warn', 'data-municipality': c.municipalityCode }),
        ),
    el('p', { class: 'note' }, report.definitions.section20Risk),
  );
  return part;
}

// ---- view: usage ----------------------------------------------------------------------------

const intervalColours = { 1: '#deebf7', 2: '#9ecae1', 3: '#4292c6', 4: '#2171b5', 5: '#08306b' };
const intervalLabels = { 1: 'under 0,5', 2: '0,5 til under 1,0', 3: '1,0 til under 1,5', 4: '1,5 til under 2,0', 5: '2,0 eller flere' };

function intervalChip(value) {
  if (!value) return '–';
  return el('span', { class: `chip interval-${value}`, title: `Interval ${value}: ${intervalLabels[value]} sager pr. 1.000 børn` }, String(value));
}

const SVG = 'http://www.w3.org/2000/svg';
/** An SVG element, as el() makes HTML ones. */
function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  for (const child of children.flat()) if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  return node;
}

/** What a municipality's tile says, on hover, on focus and to a screen reader. */
function tileText(municipality, row) {
  const where = `${municipality.name} (${regionName(municipality.regionCode)})`;
  if (!row) return `${where}: ikke med i udsnittet`;
  if (row.suppressed) return `${where}: diskretioneret (${row.suppressed === 'primary' ? 'under 3 sager' : 'skjult, så andre diskretionerede tal ikke kan regnes ud'}) · ${number(row.population0to17)} børn på 0-17 år`;
  if (row.casesPer1000 === null) return `${where}: ingen sats (ingen børn i befolkningstallet)`;
  return `${where}: ${number(row.closedCases)} sager · ${decimal2(row.casesPer1000)} pr. 1.000 børn · interval ${row.intervalValue} (${intervalLabels[row.intervalValue]}) · faktiske/estimerede ${decimal2(row.ratio)}`;
}

/**
 * Denmark's 98 municipalities as a tile-grid map (municipality-tiles.js), coloured by the annual
 * statistics' five intervals, suppressed ones hatched, the regions outlined; hovering or focusing
 * a tile shows its figures below the map.
 */
function usageMap(rows) {
  const byCode = new Map(rows.filter((r) => r.level === 'municipality').map((r) => [r.code, r]));
  const municipalityOf = new Map(reference.municipalities.map((m) => [m.code, m]));
  const size = 38;
  const gap = 3;
  const step = size + gap;
  const placed = Object.entries(municipalityTiles).filter(([code]) => municipalityOf.has(code));
  const width = Math.max(...placed.map(([, [c]]) => c)) + 1;
  const height = Math.max(...placed.map(([, [, r]]) => r)) + 1;
  const atPosition = new Map(placed.map(([code, [c, r]]) => [`${c},${r}`, code]));
  const detail = el('p', { class: 'map-detail', 'data-testid': 'usage-map-detail', 'aria-live': 'polite' }, 'Peg på en kommune (eller gå til den med tabulatortasten) for at se dens tal.');
  const tiles = placed.map(([code, [c, r]]) => {
    const municipality = municipalityOf.get(code);
    const row = byCode.get(code);
    const state = !row ? 'outside' : row.suppressed ? 'suppressed' : row.intervalValue ? `interval-${row.intervalValue}` : 'no-rate';
    const text = tileText(municipality, row);
    const show = () => detail.replaceChildren(text);
    const tile = svg(
      'g',
      { class: `tile-m ${state}`, 'data-code': code, 'data-state': state, transform: `translate(${c * step},${r * step})`, tabindex: 0, role: 'img', 'aria-label': text },
      svg('title', {}, text),
      svg('rect', { width: size, height: size, rx: 3 }),
      svg('text', { x: size / 2, y: size / 2 + 4, 'text-anchor': 'middle', 'aria-hidden': 'true' }, municipality.name.slice(0, 3)),
    );
    tile.addEventListener('mouseenter', show);
    tile.addEventListener('focus', show);
    return tile;
  });
  // A region's outline: every tile side whose neighbour is the sea or another region.
  const regionOf = (code) => municipalityOf.get(code)?.regionCode;
  const edges = placed.flatMap(([code, [c, r]]) => {
    const x0 = c * step - gap / 2;
    const y0 = r * step - gap / 2;
    const other = (dc, dr) => regionOf(atPosition.get(`${c + dc},${r + dr}`)) !== regionOf(code);
    return [
      other(0, -1) ? `M${x0},${y0}h${step}` : '',
      other(0, 1) ? `M${x0},${y0 + step}h${step}` : '',
      other(-1, 0) ? `M${x0},${y0}v${step}` : '',
      other(1, 0) ? `M${x0 + step},${y0}v${step}` : '',
    ];
  });
  const map = svg(
    'svg',
    { class: 'usage-map', 'data-testid': 'usage-map', viewBox: `${-gap} ${-gap} ${width * step + gap} ${height * step + gap}`, width: width * step + gap, role: 'group', 'aria-label': 'Kort over kommunerne, farvet efter interval' },
    svg('defs', {}, svg('pattern', { id: 'usage-map-hatch', width: 6, height: 6, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' }, svg('rect', { width: 6, height: 6, fill: '#f4f4f4' }), svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#6b7178', 'stroke-width': 2.5 }))),
    tiles,
    svg('path', { class: 'region-outline', d: edges.join(''), 'aria-hidden': 'true' }),
  );
  const legend = el(
    'ul',
    { class: 'legend', 'aria-label': 'Kortets tegnforklaring' },
    [1, 2, 3, 4, 5].map((v) => el('li', {}, intervalChip(v), ` ${intervalLabels[v]}`)),
    el('li', {}, el('span', { class: 'chip hatch', 'aria-hidden': 'true' }, '\u00a0'), ' diskretioneret'),
    el('li', {}, el('span', { class: 'chip outside', 'aria-hidden': 'true' }, '\u00a0'), ' ikke med i udsnittet'),
    el('li', {}, el('span', { class: 'outline-key', 'aria-hidden': 'true' }), ' regionsgrænse'),
  );
  return [legend, el('div', { class: 'map-wrap' }, map), detail];
}

async function renderUsage(state, root) {
  checkMunicipality(state);
  const year = state.year || (state.from ? state.from.slice(0, 4) : String(new Date().getFullYear()));
  const groupBy = state.groupBy || 'municipality';
  const params = { year, groupBy, region: state.region, house: state.house };
  const path = '/v1/reports/usage';
  const report = await api(path, params);
  const municipality = state.municipality ? reference.municipalities.find((m) => m.code === state.municipality) : undefined;
  const rowsAt = report.rows.filter((r) => r.level === groupBy && (!municipality || r.code === municipality.code));
  const totals = report.rows.filter((r) => r.level !== groupBy && (!municipality || r.code === municipality.regionCode));
  const ranked = [...rowsAt].sort((a, b) => (b.casesPer1000 ?? -1) - (a.casesPer1000 ?? -1) || a.name.localeCompare(b.name, 'da'));
  const levelName = { municipality: 'Kommune', region: 'Region', house: 'Børnehus', national: 'Hele landet' };

  root.append(
    ...[
      el('p', { class: 'lead' }, `Afsluttede sager i ${report.year} pr. 1.000 børn på 0-17 år (Danmarks Statistik, FOLK1A ${report.year}K1, version ${report.population.version}) · forventet ud fra ${report.basis === 'national' ? 'landets' : 'regionens'} niveau${municipality ? ` · ${municipality.name}` : ''}`),
      // Which publication the figures are (the CSV says the same in its "shows" column).
      el(
        'p',
        { class: 'publication', 'data-publication': report.publication ? String(report.publication.number) : 'live' },
        report.publication ? `Offentliggørelse ${report.year}/${report.publication.number} af ${report.publication.publishedAt.slice(0, 10)} (fastfrosset)` : 'Løbende tal, ikke offentliggjort: de kan ændre sig, når sager rettes',
      ),
      csvButton(path, params),
      // By municipality the map's legend says it; by region or house, this one.
      groupBy === 'municipality'
        ? null
        : el(
            'ul',
            { class: 'legend', 'aria-label': 'Intervaller (årsstatistikkens farver)' },
            [1, 2, 3, 4, 5].map((v) => el('li', {}, intervalChip(v), ` ${intervalLabels[v]}`)),
          ),
    ].filter(Boolean),
  );
  if (groupBy === 'municipality') root.append(section('Kort over kommunerne: børnehussager pr. 1.000 børn', ...usageMap(report.rows)));
  const rates = section(`Børnehussager pr. 1.000 børn (${levelName[groupBy].toLowerCase()})`);
  root.append(rates);
  const shown = ranked.filter((r) => r.casesPer1000 !== null);
  chart(
    rates,
    `Børnehussager pr. 1.000 børn pr. ${levelName[groupBy].toLowerCase()}, farvet efter interval`,
    {
      type: 'bar',
      data: { labels: shown.map((r) => r.name), datasets: [{ label: 'Sager pr. 1.000 børn', data: shown.map((r) => r.casesPer1000), backgroundColor: shown.map((r) => intervalColours[r.intervalValue] ?? palette.grey), borderColor: '#1b1b1b', borderWidth: 0.5 }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, title: { display: true, text: 'sager pr. 1.000 børn' } } } },
    },
    Math.max(160, shown.length * 18 + 60),
  );
  const expected = section('Faktiske og estimerede sager ift. kommunestørrelse');
  root.append(expected);
  const compared = ranked.filter((r) => r.closedCases !== null && r.expectedCases !== null);
  if (compared.length > 0) {
    chart(
      expected,
      'Faktiske og estimerede sager',
      {
        type: 'bar',
        data: {
          labels: compared.map((r) => r.name),
          datasets: [
            { label: 'Faktiske sager', data: compared.map((r) => r.closedCases), backgroundColor: palette.blue },
            { label: 'Estimerede sager', data: compared.map((r) => r.expectedCases), backgroundColor: palette.lightBlue },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } },
      },
      Math.max(160, compared.length * 26 + 60),
    );
  }
  root.append(
    section(
      'Rangordnet tabel',
      table(
        `${levelName[groupBy]}er efter sager pr. 1.000 børn, højest først (diskretionerede tal vises som –)`,
        'usage-ranked',
        [
          { label: levelName[groupBy], value: (r) => r.name },
          { label: 'Rang', key: 'rank', num: true, value: (r) => (r.casesPer1000 === null ? '–' : number(ranked.indexOf(r) + 1)) },
          { label: 'Børnehussager', key: 'closed', num: true, value: (r) => number(r.closedCases) },
          { label: 'Folketal 0-17 år', key: 'population', num: true, value: (r) => number(r.population0to17) },
          { label: 'Pr. 1.000 børn', key: 'per1000', num: true, value: (r) => decimal2(r.casesPer1000) },
          { label: 'Interval', key: 'interval', num: true, value: (r) => intervalChip(r.intervalValue) },
          { label: 'Estimerede sager', key: 'expected', num: true, value: (r) => decimal2(r.expectedCases) },
          { label: 'Faktiske/estimerede', key: 'ratio', num: true, value: (r) => decimal2(r.ratio) },
          { label: 'Diskretioneret', key: 'suppressed', value: (r) => (r.suppressed ? (r.suppressed === 'primary' ? 'ja (under 3)' : 'ja (sekundært)') : '') },
        ],
        ranked,
        (r) => ({ 'data-code': r.code }),
      ),
      totals.length === 0
        ? null
        : table(
            'Samlet (regioner og hele landet; indeholder også de diskretionerede sager)',
            'usage-totals',
            [
              { label: 'Niveau', value: (r) => `${levelName[r.level]}: ${r.name}` },
              { label: 'Børnehussager', key: 'closed', num: true, value: (r) => number(r.closedCases) },
              { label: 'Folketal 0-17 år', key: 'population', num: true, value: (r) => number(r.population0to17) },
              { label: 'Pr. 1.000 børn', key: 'per1000', num: true, value: (r) => decimal2(r.casesPer1000) },
              { label: 'Interval', key: 'interval', num: true, value: (r) => intervalChip(r.intervalValue) },
            ],
            totals,
            (r) => ({ 'data-code': r.code }),
          ),
    ),
  );
}

// ---- view: video interviews not referred ----------------------------------------------------

/**
 * A report grouped by `groupBy` (video interviews, gaps) whose last row is the total ("I alt"):
 * the tiles show the total (`sum`), the chart the groups (`rows`), the table both.
 */
function grouped(report, view, groupBy) {
  const total = report.rows.find((r) => r.key === 'total') ?? {};
  return {
    rows: report.rows.filter((r) => r.key !== 'total'),
    sum: (key) => total[key] ?? 0,
    label: (r) => (r.key === 'total' ? r.name : groupBy === 'month' ? month(r.key) : r.name),
    grouping: views[view].groupings.find(([v]) => v === groupBy)?.[1],
    rowAttributes: (r) => ({ 'data-key': r.key, class: r.key === 'total' ? 'total' : undefined }),
  };
}

async function renderVideoInterviews(state, root) {
  const house = houseOf(state);
  checkMunicipality(state);
  const groupBy = state.groupBy || 'month';
  const params = { ...periodParams(state), house, municipality: state.municipality || undefined, groupBy };
  const path = '/v1/reports/video-interviews-not-referred';
  const report = await api(path, params);
  const { rows, sum, label, grouping, rowAttributes } = grouped(report, 'video-interviews', groupBy);
  root.append(
    el('p', { class: 'lead' }, `Periode ${date(report.period.from)}–${date(report.period.to)}${house ? ` · ${houseName(house)}` : ''}${report.municipality ? ` · børn i ${municipalityName(report.municipality)} Kommune` : ''} · henvist = henvisning eller sag ${report.window.beforeDays} dage før til ${report.window.afterDays} dage efter afhøringen`),
    csvButton(path, params),
    tiles([
      ['Videoafhøringer', number(sum('conducted')), 'conducted'],
      ['Henvist', number(sum('referred')), 'referred'],
      ['Ikke henvist (endeligt)', number(sum('notReferredFinal')), 'not-referred-final', sum('notReferredFinal') > 0 ? 'warn' : undefined],
      ['Ikke henvist (vindue åbent)', number(sum('notReferredProvisional')), 'not-referred-provisional'],
      ['Genafhøringer', number(sum('reinterviews')), 'reinterviews'],
    ]),
  );
  const box = section(`Videoafhøringer efter ${grouping?.toLowerCase() ?? groupBy}`);
  root.append(box);
  chart(box, 'Videoafhøringer: henvist, ikke henvist endeligt og ikke henvist med åbent vindue', {
    type: 'bar',
    data: {
      labels: rows.map(label),
      datasets: [
        { label: 'Henvist', data: rows.map((r) => r.referred), backgroundColor: palette.teal },
        { label: 'Ikke henvist (endeligt)', data: rows.map((r) => r.notReferredFinal), backgroundColor: palette.red },
        { label: 'Ikke henvist (vindue åbent)', data: rows.map((r) => r.notReferredProvisional), backgroundColor: palette.amber },
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'videoafhøringer' } } } },
  });
  box.append(
    table(
      'Videoafhøringer, som ikke henvises',
      'video-interviews',
      [
        { label: grouping ?? groupBy, value: label },
        { label: 'Videoafhøringer', key: 'conducted', num: true, value: (r) => number(r.conducted) },
        { label: 'Henvist', key: 'referred', num: true, value: (r) => number(r.referred) },
        { label: 'Ikke henvist (endeligt)', key: 'notReferredFinal', num: true, value: (r) => number(r.notReferredFinal) },
        { label: 'Ikke henvist (vindue åbent)', key: 'notReferredProvisional', num: true, value: (r) => number(r.notReferredProvisional) },
        { label: 'Genafhøringer', key: 'reinterviews', num: true, value: (r) => number(r.reinterviews) },
      ],
      report.rows,
      rowAttributes,
    ),
  );
}

// ---- view: the police's 7-day target ----------------------------------------------------------

async function renderInterviewTarget(state, root) {
  const house = houseOf(state);
  const params = { ...periodParams(state), house };
  const path = '/v1/reports/video-interview-target';
  const report = await api(path, params);
  const total = report.total;
  const districts = report.districts.filter((d) => d.interviews > 0 || d.reinterviews > 0);
  root.append(
    el('p', { class: 'lead' }, `Videoafhøring senest ${report.targetDays} dage efter politianmeldelsen (politiets frist) · periode ${date(report.period.from)}–${date(report.period.to)}${house ? ` · ${houseName(house)}` : ''} · procent af afhøringerne med kendt anmeldelsesdato`),
    csvButton(path, params),
    tiles([
      ['Videoafhøringer', number(total.interviews), 'target-interviews'],
      ['Inden for 7 dage', `${percent(total.withinTarget.percent)} (${number(total.withinTarget.count)})`, 'target-within'],
      ['For sent', number(total.late.count), 'target-late', total.late.count > 0 ? 'warn' : undefined],
      ['Anmeldelsesdato ukendt', number(total.reportDateUnknown), 'target-unknown'],
      ['Median dage fra anmeldelse', number(total.medianDaysFromReport), 'target-median'],
    ]),
  );
  const figures = [
    { label: 'Videoafhøringer', key: 'interviews', num: true, value: (r) => number(r.interviews) },
    { label: 'Inden for 7 dage', key: 'withinTarget', num: true, value: (r) => `${percent(r.withinTarget.percent)} (${number(r.withinTarget.count)})` },
    { label: 'For sent', key: 'late', num: true, value: (r) => `${percent(r.late.percent)} (${number(r.late.count)})` },
    { label: 'Anmeldelsesdato ukendt', key: 'reportDateUnknown', num: true, value: (r) => number(r.reportDateUnknown) },
    { label: 'Median dage', key: 'median', num: true, value: (r) => number(r.medianDaysFromReport) },
    { label: 'Genafhøringer', key: 'reinterviews', num: true, value: (r) => number(r.reinterviews) },
  ];
  const box = section('Efter politikreds');
  root.append(box);
  chart(box, 'Videoafhøringer pr. politikreds: inden for 7 dage, for sent og ukendt anmeldelsesdato', {
    type: 'bar',
    data: {
      labels: districts.map((d) => d.name),
      datasets: [
        { label: 'Inden for 7 dage', data: districts.map((d) => d.withinTarget.count), backgroundColor: palette.teal },
        { label: 'For sent', data: districts.map((d) => d.late.count), backgroundColor: palette.red },
        { label: 'Anmeldelsesdato ukendt', data: districts.map((d) => d.reportDateUnknown), backgroundColor: palette.grey },
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'videoafhøringer' } } } },
  });
  box.append(
    table('Politiets 7-dagesmål pr. politikreds', 'interview-target-districts', [{ label: 'Politikreds', value: (r) => r.name }, ...figures], [...districts, total], (r) => ({
      'data-key': r.policeDistrict,
      class: r.policeDistrict === 'total' ? 'total' : undefined,
    })),
  );
  root.append(
    section(
      'Efter politikreds og måned',
      table('Politiets 7-dagesmål pr. politikreds og måned', 'interview-target-months', [{ label: 'Politikreds', value: (r) => r.name }, { label: 'Måned', key: 'month', value: (r) => month(r.month) }, ...figures], report.rows, (r) => ({
        'data-key': `${r.policeDistrict}|${r.month}`,
      })),
    ),
  );
  // Where the interviews were held (ADR 0076): the load per site of the houses.
  root.append(
    section(
      'Efter afdeling',
      table('Politiets 7-dagesmål pr. afdeling (afhøringer uden afdeling tæller på børnehusets hovedafdeling)', 'interview-target-sites', [{ label: 'Afdeling', value: (r) => `${r.siteName} (${houseName(r.houseCode)})` }, ...figures], report.bySite, (r) => ({
        'data-site': r.siteCode,
      })),
      el('p', { class: 'note' }, report.definitions.bySite),
    ),
  );
}

// ---- view: the annual statistics --------------------------------------------------------------

const providerNames = { boernehus: 'Børnehus', police: 'Politi', forensic: 'Retsmediciner', paediatrician: 'Pædiater' };
const abuseGroupNames = { violenceOnly: 'Kun vold', sexualOnly: 'Kun seksuelle overgreb', violenceAndSexual: 'Vold og seksuelle overgreb', psychologicalOnly: 'Kun psykisk vold' };

async function renderAnnual(state, root) {
  const house = houseOf(state);
  const year = state.year || String(new Date().getFullYear());
  const params = { year, house };
  const path = '/v1/reports/annual-statistics';
  const report = await api(path, params);
  const series = await api('/v1/reports/annual-statistics/series', { fromYear: Math.max(2013, Number(year) - 4), toYear: year, house });
  root.append(
    el('p', { class: 'lead' }, `Børnehussager afsluttet i ${year}${house ? ` · ${houseName(house)}` : ''} · driftstal, ikke diskretionerede (offentliggjorte tal: Brug pr. kommune)`),
    csvButton(path, params),
    tiles([
      ['Afsluttede sager', number(report.closedCases.total), 'annual-closed'],
      ['Unikke børn', number(report.uniqueChildren.children), 'annual-children'],
      ['Ydelser', number(report.services.total), 'annual-services'],
      ['Sager med ydelser', number(report.services.casesWithServices), 'annual-cases-with-services'],
    ]),
  );
  const houses = series.rows.filter((r) => r.houseCode !== 'total');
  const years = series.rows[0]?.years.map((y) => y.year) ?? [];
  const seriesBox = section(`Afsluttede sager pr. år ${series.fromYear}–${series.toYear}`);
  root.append(seriesBox);
  const colours = [palette.blue, palette.teal, palette.amber, palette.red, palette.grey];
  chart(seriesBox, 'Afsluttede sager pr. børnehus og år', {
    type: 'bar',
    data: { labels: years.map(String), datasets: houses.map((h, i) => ({ label: h.name, data: h.years.map((y) => y.cases), backgroundColor: colours[i % colours.length] })) },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'afsluttede sager' } } } },
  });
  seriesBox.append(
    table(
      'Afsluttede sager pr. børnehus og år',
      'annual-series',
      [
        { label: 'Børnehus', value: (r) => r.name },
        ...years.map((y, i) => ({ label: String(y), key: `y${y}`, num: true, value: (r) => number(r.years[i].cases) })),
        { label: 'Ændring', key: 'change', num: true, value: (r) => percent(r.changePercent) },
      ],
      series.rows,
      (r) => ({ 'data-key': r.houseCode, class: r.houseCode === 'total' ? 'total' : undefined }),
    ),
  );
  root.append(
    section(
      'Ydelser efter udfører (politiets afhøringer og undersøgelserne talt én gang)',
      table(
        'Ydelser efter udfører',
        'annual-services',
        [
          { label: 'Udfører', value: (r) => providerNames[r.provider] ?? r.provider },
          { label: 'Ydelser', key: 'services', num: true, value: (r) => number(r.counted) },
          { label: 'Sager', key: 'cases', num: true, value: (r) => number(report.services.byProvider.find((p) => p.provider === r.provider)?.cases) },
          { label: 'Registreret i sagen', key: 'entered', num: true, value: (r) => number(r.entered) },
          { label: 'Registreret af sektorerne', key: 'recorded', num: true, value: (r) => number(r.recorded) },
          { label: 'I begge', key: 'inBoth', num: true, value: (r) => number(r.inBoth) },
        ],
        report.serviceSources.byProvider,
        (r) => ({ 'data-key': r.provider }),
      ),
    ),
    section(
      'Typen af overgreb pr. børnehus',
      table(
        'Typen af overgreb pr. børnehus (procent af sagerne med kendt type)',
        'annual-abuse-by-house',
        [
          { label: 'Børnehus', value: (r) => r.name },
          ...Object.entries(abuseGroupNames).map(([type, label]) => ({
            label,
            key: type,
            num: true,
            value: (r) => {
              const t = r.types.find((x) => x.type === type);
              return `${percent(t.percent)} (${number(t.count)})`;
            },
          })),
          { label: 'Ukendt', key: 'unknown', num: true, value: (r) => number(r.unknown) },
        ],
        report.abuseTypeByHouse,
        (r) => ({ 'data-key': r.houseCode }),
      ),
    ),
  );
}

// ---- view: mandatory-referral gaps ----------------------------------------------------------

async function renderGaps(state, root) {
  const house = houseOf(state);
  const groupBy = state.groupBy || 'municipality';
  const params = { ...periodParams(state), house, municipality: state.municipality, groupBy };
  const path = '/v1/reports/mandatory-referral-gaps';
  const report = await api(path, params);
  const { rows, sum, label, grouping, rowAttributes } = grouped(report, 'gaps', groupBy);
  root.append(
    el('p', { class: 'lead' }, `Underretninger, der opfylder de tre kriterier i Barnets lov § 125, uden henvisning til børnehuset inden for fristen · periode ${date(report.period.from)}–${date(report.period.to)}`),
    csvButton(path, params),
    tiles([
      ['Manglende henvisninger', number(sum('opened')), 'gaps-opened'],
      ['Stadig uden henvisning', number(sum('stillOpen')), 'gaps-still-open', sum('stillOpen') > 0 ? 'alert' : undefined],
      ['Henvist for sent', number(sum('closedLate')), 'gaps-closed-late'],
    ]),
  );
  const box = section(`Manglende henvisninger efter ${grouping?.toLowerCase() ?? groupBy}`);
  root.append(box);
  chart(box, 'Manglende henvisninger: stadig uden henvisning og henvist for sent', {
    type: 'bar',
    data: {
      labels: rows.map(label),
      datasets: [
        { label: 'Stadig uden henvisning', data: rows.map((r) => r.stillOpen), backgroundColor: palette.red },
        { label: 'Henvist for sent', data: rows.map((r) => r.closedLate), backgroundColor: palette.amber },
      ],
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
  });
  box.append(
    table(
      'Manglende henvisninger',
      'gaps',
      [
        { label: grouping ?? groupBy, value: label },
        { label: 'Manglende henvisninger', key: 'opened', num: true, value: (r) => number(r.opened) },
        { label: 'Stadig uden henvisning', key: 'stillOpen', num: true, value: (r) => number(r.stillOpen) },
        { label: 'Henvist for sent', key: 'closedLate', num: true, value: (r) => number(r.closedLate) },
        { label: 'Gns. dage for sent', key: 'averageDaysOverdue', num: true, value: (r) => number(r.averageDaysOverdue) },
        { label: 'Frist (dage)', key: 'referralWindowDays', num: true, value: (r) => r.referralWindowDays.join(', ') },
      ],
      report.rows,
      rowAttributes,
    ),
  );
}

// ---- view: referrals (Børnehus Midt's "Henviste og estimerede sager"; Syd's year to date) ---------

async function renderReferrals(state, root) {
  houseOf(state); // checks the region and that house and region agree; the API takes both
  checkMunicipality(state);
  const groupBy = state.groupBy || 'municipality';
  const params = { ...periodParams(state), house: state.house, region: state.region, municipality: state.municipality, groupBy };
  const path = '/v1/reports/referrals';
  const report = await api(path, params);
  const isTotal = (r) => r.level === 'total' || r.level === 'national';
  const groups = report.rows.filter((r) => r.level === (groupBy === 'month' ? 'month' : groupBy));
  const total = report.rows.find(isTotal) ?? (groups.length === 1 ? groups[0] : report.rows.find((r) => r.level === 'region'));
  const label = (r) => (r.level === 'month' ? month(r.code) : r.name);
  root.append(
    el('p', { class: 'lead' }, `Henvisninger efter henvisningsdato · periode ${date(report.period.from)}–${date(report.period.to)} · estimerede sager = børnehusets forventede sagstal i budgettet, fordelt efter kommunernes antal 0-17-årige og jævnt over årets dage`),
    csvButton(path, params),
    tiles([
      ['Henviste sager', number(total?.referrals), 'referrals-total'],
      ['Estimerede sager', decimal2(total?.expectedReferrals), 'referrals-expected'],
      ['Faktiske/estimerede', decimal2(total?.ratio), 'referrals-ratio'],
    ]),
  );
  if (report.missing.length > 0) root.append(el('ul', { class: 'note', 'data-testid': 'referrals-missing' }, report.missing.map((m) => el('li', {}, missingNoteDa(m)))));
  const box = section(`Henviste og estimerede sager efter ${views.referrals.groupings.find(([v]) => v === groupBy)?.[1].toLowerCase() ?? groupBy}`);
  root.append(box);
  chart(box, 'Henviste sager og estimerede sager', {
    type: 'bar',
    data: {
      labels: groups.map(label),
      datasets: [
        { label: 'Henviste sager', data: groups.map((r) => r.referrals), backgroundColor: palette.blue },
        { label: 'Estimerede sager', data: groups.map((r) => r.expectedReferrals), backgroundColor: palette.lightBlue },
      ],
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'sager' } } } },
  });
  box.append(
    table(
      'Henviste sager (diskretionerede tal vises som –)',
      'referrals',
      [
        { label: views.referrals.groupings.find(([v]) => v === groupBy)?.[1] ?? groupBy, value: label },
        { label: 'Henviste sager', key: 'referrals', num: true, value: (r) => number(r.referrals) },
        { label: 'Modtaget', key: 'accepted', num: true, value: (r) => number(r.accepted) },
        { label: 'Afvist', key: 'rejected', num: true, value: (r) => number(r.rejected) },
        { label: 'Trukket tilbage', key: 'withdrawn', num: true, value: (r) => number(r.withdrawn) },
        { label: 'Afventer', key: 'pending', num: true, value: (r) => number(r.pending) },
        { label: 'Estimerede sager', key: 'expected', num: true, value: (r) => decimal2(r.expectedReferrals) },
        { label: 'Faktiske/estimerede', key: 'ratio', num: true, value: (r) => decimal2(r.ratio) },
        { label: 'Diskretioneret', key: 'suppressed', value: (r) => (r.suppressed ? (r.suppressed === 'primary' ? 'ja (under 3)' : 'ja (sekundært)') : '') },
      ],
      report.rows,
      (r) => ({ 'data-code': r.code, class: isTotal(r) || r.level === 'region' ? 'total' : undefined }),
    ),
  );
  // The year to date against the budget (houses and ops; a municipality sees only its own referrals above).
  const year = state.year || report.period.to.slice(0, 4);
  let ytd;
  try {
    ytd = await api('/v1/reports/referrals/year-to-date', { year, house: houseOf(state) });
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 403) return;
    throw error;
  }
  root.append(
    section(
      `Året til dato ${year} mod det forventede sagstal`,
      table(
        `Henviste sager 1.1.–${date(ytd.asOf)} mod budgettets forventede sagstal for året (jævnt fordelt over årets dage)`,
        'referrals-ytd',
        [
          { label: 'Børnehus', value: (r) => r.name },
          { label: 'Henviste til dato', key: 'referrals', num: true, value: (r) => number(r.referrals) },
          { label: 'Forventet for året', key: 'expectedForYear', num: true, value: (r) => number(r.expectedForYear) },
          { label: 'Forventet til dato', key: 'expectedToDate', num: true, value: (r) => decimal2(r.expectedToDate) },
          { label: 'Faktiske/forventede', key: 'ratioToDate', num: true, value: (r) => decimal2(r.ratioToDate) },
          { label: 'Andel af årets forventede', key: 'percentOfYearReached', num: true, value: (r) => percent(r.percentOfYearReached) },
          { label: 'Fremskrevet for året', key: 'projectedForYear', num: true, value: (r) => decimal2(r.projectedForYear) },
        ],
        ytd.rows,
        (r) => ({ 'data-code': r.code, class: r.level === 'national' ? 'total' : undefined }),
      ),
    ),
  );
}

// ---- view: forecast -------------------------------------------------------------------------

async function renderForecast(state, root) {
  const house = houseOf(state);
  const params = { house, year: state.year || undefined };
  const path = '/v1/reports/forecast';
  const report = await api(path, params);
  const shown = report.houses.filter((h) => h.expectedCases !== undefined);
  const missing = report.houses.filter((h) => h.unavailable);
  root.append(
    el('p', { class: 'lead' }, `Forventet antal afsluttede (afregnede) sager i ${report.year} · historik til og med ${month(report.historyThrough)} · ret linje gennem de seneste op til 5 års sagstal, 95 %-interval fra metodens egen fejl på tidligere år`),
    csvButton(path, params),
  );
  const box = section(`Forventet sagstal ${report.year} og faktisk sagstal sidste år`);
  root.append(box);
  chart(box, `Forventet sagstal ${report.year} med 95 %-interval og sidste års afsluttede sager pr. børnehus`, {
    type: 'bar',
    data: {
      labels: shown.map((h) => houseName(h.houseCode)),
      datasets: [
        { label: 'Sidste år (faktisk)', data: shown.map((h) => h.lastYearActual?.cases ?? null), backgroundColor: palette.lightBlue },
        { label: `${report.year} (forventet)`, data: shown.map((h) => h.expectedCases), backgroundColor: palette.blue },
        { label: '95 %-interval, nedre', data: shown.map((h) => h.interval.low), type: 'line', showLine: false, pointStyle: 'line', pointRadius: 12, borderColor: palette.grey, backgroundColor: palette.grey },
        { label: '95 %-interval, øvre', data: shown.map((h) => h.interval.high), type: 'line', showLine: false, pointStyle: 'line', pointRadius: 12, borderColor: palette.grey, backgroundColor: palette.grey },
      ],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'sager' } } } },
  });
  box.append(
    table(
      `Forventet sagstal ${report.year} pr. børnehus`,
      'forecast-by-house',
      [
        { label: 'Børnehus', value: (h) => houseName(h.houseCode) },
        { label: 'Sidste år', key: 'lastYear', num: true, value: (h) => (h.lastYearActual ? `${number(h.lastYearActual.cases)} (${h.lastYearActual.year})` : '–') },
        { label: 'Forventet', key: 'expected', num: true, value: (h) => number(h.expectedCases) },
        { label: '95 %-interval', key: 'interval', num: true, value: (h) => `${number(h.interval.low)}–${number(h.interval.high)}` },
        { label: 'Metode', key: 'method', value: (h) => (h.method === 'linear-trend' ? `ret linje (${number(h.basis.length)} år)` : 'sidste års tal') },
        { label: 'Tidligere fejl (MAPE)', key: 'mape', num: true, value: (h) => (h.backtest.mape === null ? '–' : `${decimal2(h.backtest.mape)} %`) },
      ],
      shown,
      (h) => ({ 'data-house': h.houseCode }),
    ),
    missing.length === 0 ? null : el('p', { class: 'note' }, `Ingen prognose for ${missing.map((h) => houseName(h.houseCode)).join(', ')}: for lidt historik.`),
  );
}

// ---- the page -------------------------------------------------------------------------------

function fillFilters(state) {
  const view = views[state.view];
  for (const button of document.querySelectorAll('nav.views button')) {
    if (button.dataset.view === state.view) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  $('#f-year').value = state.year;
  $('#f-from').value = state.from;
  $('#f-to').value = state.to;
  for (const name of ['house', 'region', 'municipality']) {
    const select = $(`#f-${name}`);
    // A value from the URL that is not in the list stays visible (the message below says why it fails).
    select.querySelector('option[data-unknown]')?.remove();
    if (state[name] && ![...select.options].some((o) => o.value === state[name])) select.append(el('option', { value: state[name], 'data-unknown': true }, `${state[name]} (ukendt)`));
    select.value = state[name];
  }
  const groupBy = $('#f-groupBy');
  groupBy.replaceChildren(...view.groupings.map(([value, label]) => el('option', { value }, label)));
  groupBy.disabled = view.groupings.length === 0;
  groupBy.closest('.field').hidden = view.groupings.length === 0;
  if (state.groupBy && ![...groupBy.options].some((o) => o.value === state.groupBy)) groupBy.append(el('option', { value: state.groupBy, 'data-unknown': true }, `${state.groupBy} (ukendt)`));
  if (state.groupBy) groupBy.value = state.groupBy;
  const usesPeriod = view.filters.includes('period');
  $('#f-from').disabled = !usesPeriod;
  $('#f-to').disabled = !usesPeriod;
  $('#f-municipality').disabled = !view.filters.includes('municipality');
  const ignored = [];
  if (!usesPeriod && (state.from || state.to)) ignored.push('fra/til (visningen viser et helt år)');
  if (!view.filters.includes('municipality') && state.municipality) ignored.push('kommune');
  $('#filter-note').textContent = `Filtre i denne visning: ${view.filters.map((f) => filterNames[f]).join(', ')}.${ignored.length ? ` Bruges ikke her: ${ignored.join(', ')}.` : ''}`;
}

let rendering = 0;
async function render() {
  const state = readState();
  const view = views[state.view];
  fillFilters(state);
  document.title = `${view.title} · Sagsspor`;
  const root = $('#view');
  const mine = ++rendering;
  destroyCharts();
  clearMessage();
  root.replaceChildren(el('h2', { id: 'view-title' }, view.title), el('p', { class: 'loading' }, 'Henter…'));
  root.setAttribute('aria-busy', 'true');
  root.dataset.state = 'loading';
  const content = el('div', { class: 'content' });
  try {
    await view.render(state, content);
    if (mine !== rendering) return;
    root.replaceChildren(el('h2', { id: 'view-title' }, view.title), content);
    root.dataset.state = 'ready';
  } catch (error) {
    if (mine !== rendering) return;
    destroyCharts();
    root.replaceChildren(el('h2', { id: 'view-title' }, view.title));
    root.dataset.state = 'error';
    showProblem(error);
  } finally {
    if (mine === rendering) {
      root.setAttribute('aria-busy', 'false');
      root.dataset.render = String(mine);
    }
  }
}

function claimsOf(token) {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(payload));
  } catch {
    return undefined;
  }
}

function showSignedIn() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const signedIn = Boolean(token);
  $('#sign-in').hidden = signedIn;
  $('#app').hidden = !signedIn;
  $('#session').hidden = !signedIn;
  if (!signedIn) {
    $('#token').focus();
    return false;
  }
  const claims = claimsOf(token) ?? {};
  const tenant = claims.house ? ` · ${houseName(claims.house)}` : claims.municipality ? ` · kommune ${claims.municipality}` : '';
  $('#who').textContent = `Logget ind som ${claims.role ?? 'ukendt rolle'}${tenant}`;
  return true;
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  destroyCharts();
  $('#view').replaceChildren();
  clearMessage();
  showSignedIn();
}

async function start() {
  reference = await (await fetch('/dashboard/reference.json')).json();
  $('#f-house').append(...reference.houses.map((h) => el('option', { value: h.code }, h.name)));
  $('#f-region').append(...reference.regions.map((r) => el('option', { value: r.code }, r.name)));
  $('#f-municipality').append(...reference.municipalities.map((m) => el('option', { value: m.code }, `${m.name} (${m.code})`)));

  $('#sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('#token').value.trim().replace(/^Bearer\s+/i, '');
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#token').value = '';
    if (showSignedIn()) void render();
  });
  $('#sign-out').addEventListener('click', signOut);
  for (const button of document.querySelectorAll('nav.views button')) {
    button.addEventListener('click', () => {
      const state = readState();
      writeState({ ...state, view: button.dataset.view, groupBy: '' });
      void render();
    });
  }
  $('#filters').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    const state = { view: readState().view };
    for (const key of ['year', 'from', 'to', 'house', 'region', 'municipality', 'groupBy']) state[key] = String(form.get(key) ?? '').trim();
    writeState(state);
    void render();
  });
  $('#reset').addEventListener('click', () => {
    writeState({ view: readState().view });
    void render();
  });
  window.addEventListener('popstate', () => void render());
  if (showSignedIn()) await render();
}

void start();
