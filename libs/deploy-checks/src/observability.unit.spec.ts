import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceMetrics } from '@sagsspor/platform';
import { parse } from 'yaml';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the check reads reporting's own metric definitions, as the service registers them
import { registerReportingMetrics } from '../../../services/reporting/src/observability/reporting-metrics';
import { expressionsIn, metricNamesIn, seriesNamesOf } from './promql';
import { workspaceRoot } from './workspace';

// deploy/observability: the Prometheus alert rules and the Grafana dashboard may only use metrics
// the services register (a renamed metric must fail here, not silently in production).

const observabilityDir = join(workspaceRoot, 'deploy', 'observability');
const alerts = parse(readFileSync(join(observabilityDir, 'prometheus-alerts.yaml'), 'utf8')) as { groups: { name: string; rules: { alert: string; expr: string; for?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[] };
const dashboard = JSON.parse(readFileSync(join(observabilityDir, 'grafana-dashboard.json'), 'utf8')) as { uid: string; panels: { type: string; title: string; targets?: { expr: string }[] }[] };
/** Series Prometheus makes itself for every target. */
const prometheusOwn = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);

async function codeRegistry(): Promise<Set<string>> {
  const metrics = new ServiceMetrics('deploy-checks');
  registerReportingMetrics(metrics.registry, async () => ({ houses: ['midt'], open: [], leadTimes: [], asOf: '2025-01-01', warningDays: 14 }));
  const names = seriesNamesOf((await metrics.registry.getMetricsAsJSON()).map((m) => ({ name: m.name, type: String(m.type) })));
  metrics.registry.clear();
  return names;
}

describe('metric names in PromQL', () => {
  it('finds the metrics, not the functions, labels, ranges or keywords', () => {
    expect(metricNamesIn('histogram_quantile(0.95, sum by (le, service) (rate(http_request_duration_seconds_bucket{status=~"5.."}[5m]))) > 1')).toEqual(['http_request_duration_seconds_bucket']);
    expect(metricNamesIn('sum by (house) (a_total{limit="120"}) / on (house) group_left sum without (x) (b_count) > 1e3 and bool c')).toEqual(['a_total', 'b_count', 'c']);
    expect(metricNamesIn('max(x[$__rate_interval] offset 5m) unless up{service=~"$service"}')).toEqual(['up', 'x']);
    expect(metricNamesIn('label_values(http_request_duration_seconds_count, service)')).toEqual(['http_request_duration_seconds_count']);
  });

  it('reads every expr and templating query of a document', () => {
    expect(expressionsIn({ groups: [{ rules: [{ expr: 'a > 1' }] }], templating: { list: [{ type: 'datasource', query: 'prometheus' }, { query: 'label_values(b, x)' }] }, title: 'c' })).toEqual(['a > 1', 'label_values(b, x)']);
  });
});

describe('deploy/observability', () => {
  let known: Set<string>;
  beforeAll(async () => {
    known = await codeRegistry();
  });

  it('the registry holds the metrics the issue names', () => {
    for (const name of [
      'http_request_duration_seconds_bucket',
      'kafka_consumer_lag_messages',
      'relay_oldest_unpublished_event_age_seconds',
      'projection_lag_seconds',
      'kafka_dead_letter_messages',
      'reporting_open_cases',
      'reporting_open_cases_approaching_limit',
      'reporting_case_lead_time_days_bucket',
    ]) {
      expect([name, known.has(name)]).toEqual([name, true]);
    }
  });

  it('every metric the alert rules use exists in the code', () => {
    const unknown = alerts.groups.flatMap((g) => g.rules.flatMap((r) => metricNamesIn(r.expr).filter((name) => !known.has(name) && !prometheusOwn.has(name)).map((name) => `${r.alert}: ${name}`)));
    expect(unknown).toEqual([]);
  });

  it('every metric the Grafana dashboard uses exists in the code', () => {
    const unknown = expressionsIn(dashboard).flatMap((expression) => metricNamesIn(expression).filter((name) => !known.has(name) && !prometheusOwn.has(name)).map((name) => `${expression}: ${name}`));
    expect(expressionsIn(dashboard).length).toBeGreaterThan(10);
    expect(unknown).toEqual([]);
  });

  it('has the alerts the issue asks for, each with a severity, a summary and a duration', () => {
    const rules = alerts.groups.flatMap((g) => g.rules);
    const uses = (metric: string) => rules.filter((r) => metricNamesIn(r.expr).includes(metric)).map((r) => r.alert);
    expect(uses('relay_oldest_unpublished_event_age_seconds')).toContain('SagssporRelayLag');
    expect(uses('kafka_dead_letter_messages')).toEqual(['SagssporDeadLetters']);
    expect(uses('kafka_consumer_lag_messages')).toEqual(['SagssporConsumerLag']);
    expect(uses('reporting_open_cases_approaching_limit')).toEqual(['SagssporCasesAboutToPass120Days']);
    expect(rules.find((r) => r.alert === 'SagssporCasesAboutToPass120Days')?.expr).toContain('limit="120"');
    for (const rule of rules) expect([rule.alert, Boolean(rule.labels?.severity && rule.annotations?.summary && rule.for)]).toEqual([rule.alert, true]);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);
  });

  it('the dashboard panels do not overlap', () => {
    const boxes = (dashboard.panels as unknown as { title: string; gridPos: { x: number; y: number; w: number; h: number } }[]).map((p) => ({ title: p.title, ...p.gridPos }));
    const overlapping = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h).map((b) => `${a.title} / ${b.title}`));
    expect(overlapping).toEqual([]);
  });
});
