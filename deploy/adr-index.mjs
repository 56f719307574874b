// Writes docs/adr/README.md, the index of the ADRs, from each ADR's title and status line.
// Run by `npm run docs`; a unit test (libs/api-docs) checks every ADR is listed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const adrDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs/adr');
const rows = readdirSync(adrDir)
  .filter((f) => /^\d{4}-.*\.md$/.test(f))
  .sort()
  .map((file) => {
    const lines = readFileSync(path.join(adrDir, file), 'utf8').split('\n');
    const title = lines[0].replace(/^# (ADR )?\d{4}[:.]? */, '');
    const statusAt = lines.findIndex((l) => /^## Status/.test(l) || /^- Status: /.test(l));
    const raw = statusAt < 0 ? '' : lines[statusAt].startsWith('- Status: ') ? lines[statusAt].slice(10) : (lines.slice(statusAt + 1).find((l) => l.trim()) ?? '');
    const status = raw.trim().replace(/\.$/, '').replace(/^./, (c) => c.toUpperCase());
    return `| [${file.slice(0, 4)}](${file}) | ${title} | ${status} |`;
  });

writeFileSync(
  path.join(adrDir, 'README.md'),
  `# Architecture decision records

How we record decisions: [0001](0001-record-architecture-decisions.md). Numbers are grouped by area:
00xx platform, 001x referrals, 002x sector-coordination, 003x case-lifecycle, 004x reporting,
005x deployment, 006x performance, 007x money and planning, 008x security, 009x reliability.
This index is written by \`npm run docs\`.

| ADR | decision | status |
|---|---|---|
${rows.join('\n')}
`,
);
console.log('wrote docs/adr/README.md');
