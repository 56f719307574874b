// A small demo dataset loaded through the public HTTP APIs (never the database), so the platform
// shows something on first start. Every POST is idempotent by its id: loading twice changes nothing.
const { generateCpr } = require('../libs/testing/dist/cpr.js');
const { mintDevelopmentToken } = require('../libs/auth/dist/index.js');

const municipalities = ['751', '101', '461', '851', '330', '657', '615'];

async function post(url, body, token) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

async function loadDemoData(services, { count = 12 } = {}) {
  const referrals = services.referrals.url;
  // Demo data goes through the public APIs with the same development tokens a user would mint.
  const admin = await mintDevelopmentToken({ role: 'admin', subject: 'demo-data-loader' });
  let cases = 0;
  for (let i = 0; i < count; i++) {
    const municipalityCode = municipalities[i % municipalities.length];
    const birthYear = 2010 + (i % 9);
    const childCpr = generateCpr(`${birthYear}-0${(i % 9) + 1}-1${i % 10}`, i % 2 === 0 ? 'female' : 'male', i);
    const month = String((i % 9) + 1).padStart(2, '0');
    await post(`${referrals}/v1/underretninger`, {
      underretningId: `DEMO-U-${municipalityCode}-${i}`,
      childCpr,
      municipalityCode,
      receivedAt: `2025-${month}-03`,
      concerns: [i % 3 === 0 ? 'sexual' : 'violence'],
      source: ['school', 'daycare', 'health', 'police'][i % 4],
    }, admin);
    if (i % 3 === 2) continue; // not every underretning leads to a referral
    await post(`${referrals}/v1/referrals`, {
      referralId: `DEMO-R-${municipalityCode}-${i}`,
      childCpr,
      municipalityCode,
      referredAt: `2025-${month}-10`,
      municipalityAwareAt: `2025-${month}-03`,
      abuseTypes: [i % 3 === 0 ? 'sexual' : 'violence'],
      underretningId: `DEMO-U-${municipalityCode}-${i}`,
    }, admin);
    const accepted = await post(`${referrals}/v1/referrals/DEMO-R-${municipalityCode}-${i}/accept`, { acceptedAt: `2025-${month}-12` }, admin);
    cases++;
    if (i % 2 === 0) {
      await post(`${services['sector-coordination'].url}/v1/examinations`, {
        examinationId: `DEMO-EX-${i}`,
        caseId: accepted.caseId,
        kind: i % 4 === 0 ? 'forensic' : 'paediatric',
        performedAt: `2025-${month}-20`,
      }, admin);
    }
  }
  return { underretninger: count, cases };
}

module.exports = { loadDemoData };
