// Smoke test of the report formatter only: the bench itself never runs in `npm test`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { budgetLines, markdown, readmeBlock } from '../src/report.mjs';

const machine = { date: '2026-11-28T00:00:00.000Z', node: 'v20.20.2', platform: 'linux 6', cpus: 2, cpuModel: 'CPU', memoryGiB: 8 };
const section = {
  title: 'Size',
  note: 'one call',
  columns: ['program', 'gzip B'],
  rows: [['a|b', 10]],
  budgets: [
    { name: 'fits', pass: true, shown: '+1 B' },
    { name: 'too big', pass: false, shown: '+9 B' },
  ],
};

test('markdown lists the machine, each table with escaped cells, and every budget with PASS or FAIL', () => {
  const text = markdown({ machine, sections: [section, { title: 'Mock', error: 'npm unreachable', budgets: [] }] });
  assert.match(text, /2026-11-28T00:00:00.000Z, Node v20.20.2, linux 6, 2× CPU, 8 GiB/);
  assert.match(text, /\| a\\\|b \| 10 \|/);
  assert.match(text, /\| fits \| PASS \| \+1 B \|/);
  assert.match(text, /\| too big \| \*\*FAIL\*\* \| \+9 B \|/);
  assert.match(text, /## Mock\n\nNot measured: npm unreachable/);
});

test('budgetLines prints one PASS or FAIL line per budget', () => {
  assert.deepEqual(budgetLines(section), ['PASS  fits: +1 B', 'FAIL  too big: +9 B']);
});

test('readmeBlock lists every budget, a budget-less section by its note, and links the charts', () => {
  const scaling = { title: 'Scaling', note: 'lint ×1.6', budgets: [] };
  const text = readmeBlock({ machine, sections: [section, scaling], charts: ['size.svg'] }, 'packages/bench/results');
  assert.match(text, /\| too big \| \*\*FAIL\*\* \| \+9 B \|/);
  assert.match(text, /Scaling: lint ×1\.6\./);
  assert.match(text, /!\[size\]\(packages\/bench\/results\/size\.svg\)/);
});
