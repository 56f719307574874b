// The metric names a PromQL expression reads, without a PromQL parser: strings, label matchers,
// ranges and grouping clauses are removed, then every identifier that is not a function,
// aggregation or keyword is a metric name. Enough for alert rules and dashboard queries.

const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'inf', 'nan', 'atan2']);

export function metricNamesIn(expression: string): string[] {
  const stripped = expression
    // Grafana's label_values(metric, label): only the metric is PromQL.
    .replace(/label_values\(\s*([^,()]+?)\s*,[^)]*\)/g, ' $1 ')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const name = match[0];
    const before = stripped[match.index - 1] ?? ' ';
    const after = stripped.slice(match.index + name.length);
    if (/[0-9.$]/.test(before)) continue; // 1e3, $variables
    if (/^\s*\(/.test(after)) continue; // a function or an aggregation
    if (keywords.has(name.toLowerCase())) continue;
    names.add(name);
  }
  return [...names].sort();
}

/** Every `expr` (alert rules, Grafana targets) and templating `query` (not a datasource variable's) in a parsed YAML/JSON document. */
export function expressionsIn(document: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, key?: string) => {
    if (typeof node === 'string') {
      if (key === 'expr' || key === 'query') found.push(node);
      return;
    }
    if (Array.isArray(node)) node.forEach((item) => visit(item));
    else if (node && typeof node === 'object') {
      const datasourceVariable = (node as { type?: unknown }).type === 'datasource';
      for (const [k, v] of Object.entries(node)) if (!(datasourceVariable && k === 'query')) visit(v, k);
    }
  };
  visit(document);
  return found;
}

/** The names a metric of the registry answers to in PromQL (a histogram's _bucket, _sum, _count). */
export function seriesNamesOf(metrics: readonly { name: string; type: string }[]): Set<string> {
  const names = new Set<string>();
  for (const m of metrics) {
    names.add(m.name);
    if (m.type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${m.name}${suffix}`);
    if (m.type === 'summary') for (const suffix of ['_sum', '_count']) names.add(`${m.name}${suffix}`);
  }
  return names;
}
