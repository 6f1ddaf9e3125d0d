#!/usr/bin/env node
// `npm run bench [-- --check] [--only overhead,signing,size,pipeline,mock,proxy,scaling,docs]`: this repo's client, signers,
// mock and docs pages beside what users would pick instead, each figure with its budget. Writes
// results/latest.json and results/latest.md; with --check, exits 1 when a budget is missed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchError, alternativeVersions } from './alternatives.mjs';
import { RESULTS_DIR, ROOT } from './paths.mjs';
import { writeCharts } from './charts.mjs';
import { budgetLines, markdown, readmeBlock } from './report.mjs';
import { docs } from './sections/docs.mjs';
import { mockLoad } from './sections/mock-load.mjs';
import { overhead } from './sections/overhead.mjs';
import { proxyLoad } from './sections/proxy-load.mjs';
import { pipeline } from './sections/pipeline.mjs';
import { scaling } from './sections/scaling.mjs';
import { signing } from './sections/signing.mjs';
import { size } from './sections/size.mjs';

const sections = { overhead, signing, size, pipeline, mock: mockLoad, proxy: proxyLoad, scaling, docs };

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
  },
});
const chosen = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(sections);
const unknown = chosen.filter((name) => !(name in sections));
if (unknown.length) {
  console.error(`bench: unknown section ${unknown.join(', ')}; expected one of ${Object.keys(sections).join(', ')}`);
  process.exit(2);
}
// --quick: a smoke run with few samples, to try the bench itself; its numbers mean little
const quick = values.quick
  ? {
      overhead: { rounds: 2, callsPerRound: 100 },
      signing: { rounds: 2, callsPerRound: 1000 },
      mock: { connectionCounts: [10], seconds: 1 },
      proxy: { seconds: 1, rounds: 1 },
      scaling: { sizes: [5, 10] },
      docs: { runs: 1 },
    }
  : {};

const machine = {
  date: new Date().toISOString(),
  node: process.version,
  platform: `${platform()} ${release()}`,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown CPU',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};

const results = [];
for (const name of chosen) {
  console.log(`\n== ${name}`);
  const started = performance.now();
  try {
    const result = await sections[name]({ ...quick[name], log: (line) => console.log(`  ${line}`) });
    results.push({ section: name, measuredAt: new Date().toISOString(), ...result });
    console.log(`  ${result.columns.join(' | ')}`);
    for (const row of result.rows) console.log(`  ${row.join(' | ')}`);
    for (const line of budgetLines(result)) console.log(`  ${line}`);
  } catch (error) {
    if (!(error instanceof BenchError)) console.error(error);
    console.error(`  ${name} could not be measured: ${error.message}`);
    results.push({ section: name, title: name, error: error.message, budgets: [] });
  }
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

mkdirSync(RESULTS_DIR, { recursive: true });
// --only keeps the other sections of the previous report, each with the date it was measured
const latestJson = join(RESULTS_DIR, 'latest.json');
const previous = values.only && existsSync(latestJson) ? JSON.parse(readFileSync(latestJson, 'utf8')).sections : [];
const merged = Object.keys(sections).flatMap((name) => results.find((r) => r.section === name) ?? previous.filter((r) => r.section === name));
const report = { machine, alternatives: alternativeVersions(), quick: values.quick, sections: merged };
writeFileSync(latestJson, `${JSON.stringify(report, null, 2)}\n`);
let charts = [];
try {
  charts = await writeCharts(merged, RESULTS_DIR);
} catch (error) {
  // the figures stand without the pictures
  console.error(`bench: no charts (${error.message})`);
}
writeFileSync(join(RESULTS_DIR, 'latest.md'), markdown({ ...report, charts }));

// the root README shows the latest full results between its markers (never a --quick run's)
const readme = join(ROOT, 'README.md');
const markers = /(<!-- bench:latest -->\n)[\s\S]*?(<!-- \/bench:latest -->)/;
if (!values.quick && markers.test(readFileSync(readme, 'utf8'))) {
  const block = readmeBlock({ ...report, charts }, 'packages/bench/results');
  writeFileSync(
    readme,
    readFileSync(readme, 'utf8').replace(markers, (_, open, close) => `${open}\n${block}\n\n${close}`),
  );
}

const failed = results.flatMap((r) => r.budgets.filter((b) => !b.pass));
const broken = results.filter((r) => r.error);
console.log(
  `\n${failed.length} budget(s) missed, ${broken.length} section(s) not measured; wrote ${join(RESULTS_DIR, 'latest.{json,md}')}${charts.length ? ` and ${charts.join(', ')}` : ''}`,
);
if (values.check && (failed.length || broken.length)) process.exitCode = 1;
