#!/usr/bin/env node
// Per-folder mutation scores from Stryker's JSON reports, beside the goals of issue #28.
// Stryker's own table is per file; the goals are per folder of src/. The scores are a report that
// points at untested behaviour, not a target: a folder below its goal is marked, and the exit code
// stays 0 (1 only when a report is missing).
// Usage: node scripts/mutation-scores.mjs [client|mock ...]   (default: both)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The minimum score (%) of each folder; a folder not named here needs `otherwise`. */
export const goals = {
  client: { signing: 80, core: 80 },
  mock: {},
};
const otherwise = 70;

/** A report's file name from src/ on, with forward slashes: `packages/x/src/a/b.ts` -> `src/a/b.ts`. */
const fromSrc = (file) => file.replaceAll('\\', '/').replace(/^.*?\bsrc\//, 'src/');

/** The first folder under src/, or "(top)" for the files directly in it. */
export function folderOf(file) {
  const parts = fromSrc(file).split('/').slice(1);
  return parts.length > 1 ? parts[0] : '(top)';
}

/** Counts per folder; the score leaves out mutants that could not run (compile and runtime errors) and the ones Stryker left out (static mutants it does not run). */
export function folderScores(report, packageGoals = {}) {
  const folders = new Map();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const name = folderOf(file);
    const row = folders.get(name) ?? { folder: name, killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0, other: 0 };
    for (const { status } of mutants) {
      if (status === 'Killed') row.killed++;
      else if (status === 'Timeout') row.timeout++;
      else if (status === 'Survived') row.survived++;
      else if (status === 'NoCoverage') row.noCoverage++;
      else if (status === 'Ignored') row.ignored++;
      else row.other++;
    }
    folders.set(name, row);
  }
  return [...folders.values()]
    .sort((a, b) => a.folder.localeCompare(b.folder))
    .map((row) => {
      const caught = row.killed + row.timeout;
      const counted = caught + row.survived + row.noCoverage;
      const score = counted === 0 ? 100 : (100 * caught) / counted;
      const goal = packageGoals[row.folder] ?? otherwise;
      return { ...row, score, goal, met: score >= goal };
    });
}

/**
 * The mutants a reader must account for, one line each, sorted by file and place: every one that
 * survived or no test reaches, and every one Stryker left out, with its reason (listed, not
 * hidden).
 */
export function mutantList(report) {
  const lines = { missed: [], equivalent: [] };
  for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const name = fromSrc(file);
    for (const mutant of [...mutants].sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)) {
      const place = `${name}:${mutant.location.start.line}:${mutant.location.start.column}`;
      const what = `${mutant.mutatorName}${mutant.replacement === undefined ? '' : ` -> ${JSON.stringify(mutant.replacement).slice(0, 60)}`}`;
      if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') lines.missed.push(`${place}  ${mutant.status}  ${what}`);
      else if (mutant.status === 'Ignored') lines.equivalent.push(`${place}  ${what}  (${mutant.statusReason ?? 'no reason given'})`);
    }
  }
  return lines;
}

/** The table as text, one line per folder. */
export function formatScores(name, rows) {
  const header = ['folder', 'score', 'goal', 'killed', 'timeout', 'survived', 'no cov', 'left out', 'errors', ''];
  const lines = rows.map((r) => [
    r.folder,
    `${r.score.toFixed(2)} %`,
    `${r.goal} %`,
    r.killed,
    r.timeout,
    r.survived,
    r.noCoverage,
    r.ignored,
    r.other,
    r.met ? 'ok' : 'below goal',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [`mutation score per folder of packages/${name}/src`, line(header), ...lines.map(line)].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(goals);
  let missing = false;
  for (const name of names) {
    if (!(name in goals)) throw new Error(`unknown package "${name}"; expected one of ${Object.keys(goals).join(', ')}`);
    const file = join(root, 'packages', name, 'reports/mutation/mutation.json');
    if (!existsSync(file)) {
      console.error(`no mutation report at ${file}; run npm run mutation first`);
      missing = true;
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8'));
    const rows = folderScores(report, goals[name]);
    const { missed: left, equivalent } = mutantList(report);
    console.log(`${formatScores(name, rows)}\n`);
    console.log(`survived or not reached (${left.length}):${left.map((line) => `\n  ${line}`).join('')}\n`);
    console.log(`left out (static and not run, or excluded), with the reason (${equivalent.length}):${equivalent.map((line) => `\n  ${line}`).join('')}\n`);
  }
  process.exit(missing ? 1 : 0);
}
