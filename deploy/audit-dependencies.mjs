// Dependency audit of the production dependencies: fails on a high or critical advisory.
// `npm audit` asks the registry's advisory endpoint. Where that endpoint cannot be reached (as on
// the CI machines here, whose npm mirror answers 405), the audit cannot say anything: it says so
// loudly and passes, unless AUDIT_REQUIRED=true (set it where the registry is the real one).
import { spawnSync } from 'node:child_process';

const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(result.stdout);
} catch {
  report = undefined;
}
const unreachable = !report || report.error || !report.metadata;
if (unreachable) {
  const reason = report?.error?.summary || report?.message || result.stderr.trim().split('\n').pop() || 'no answer';
  console.log(`▸ dependency audit could not run: the advisory endpoint did not answer (${reason}).`);
  if (process.env.AUDIT_REQUIRED === 'true') {
    console.log('  AUDIT_REQUIRED=true: failing.');
    process.exit(1);
  }
  console.log('  Not failing: no advisories could be read here. Set AUDIT_REQUIRED=true where the registry answers.');
  process.exit(0);
}
const { high = 0, critical = 0, moderate = 0, low = 0 } = report.metadata.vulnerabilities ?? {};
console.log(`▸ dependency audit (production dependencies): ${critical} critical, ${high} high, ${moderate} moderate, ${low} low`);
if (high + critical > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (['high', 'critical'].includes(v.severity)) console.log(`  ${v.severity}: ${name} ${v.range ?? ''}`);
  }
  process.exit(1);
}
