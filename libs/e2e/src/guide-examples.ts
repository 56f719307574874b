import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface GuideExample {
  /** Where the block starts in the file (1-based line), for the failure message. */
  line: number;
  script: string;
  /** From an `<!-- expect: ... -->` comment right above the block: text its output must contain. */
  expect?: string;
}

/** The ```bash blocks of a markdown file, in order, with the expectation written above each. */
export function bashExamplesOf(markdownFile: string): GuideExample[] {
  const lines = readFileSync(markdownFile, 'utf8').split('\n');
  const examples: GuideExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```bash') continue;
    const expect = /^<!-- expect: (.*) -->$/.exec(lines[i - 1]?.trim() ?? '')?.[1];
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1].trim() !== '```') i++;
    examples.push({ line: start, script: lines.slice(start, i + 1).join('\n'), expect });
    i++;
  }
  return examples;
}

export interface ExampleRun {
  example: GuideExample;
  status: number | null;
  output: string;
}

/**
 * Runs the examples in one bash session (so a variable set by one is there for the next), in
 * `cwd`, stopping at the first that fails. `rewrite` adapts each script first (e.g. its ports).
 */
export function runExamples(examples: GuideExample[], cwd: string, rewrite: (script: string) => string, env: NodeJS.ProcessEnv = process.env): ExampleRun[] {
  const marker = '@@sagsspor-example-end@@';
  const script = examples.map((e) => `${rewrite(e.script)}\necho; echo "${marker} $?"`).join('\n');
  const result = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', timeout: 300_000, env });
  const parts = `${result.stdout}`.split(marker);
  return examples.map((example, i) => ({
    example,
    status: i < parts.length - 1 ? 0 : i === parts.length - 1 ? result.status : null,
    output: (parts[i] ?? '').replace(/^ \d+\n/, '') + (i === parts.length - 1 ? result.stderr : ''),
  }));
}
