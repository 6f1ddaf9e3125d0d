// The per-folder table `npm run mutation` prints from Stryker's JSON report, and its goals.
import { describe, expect, it } from 'vitest';
import { folderOf, folderScores, formatScores, goals, mutantList } from '../../../scripts/mutation-scores.mjs';

const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });

describe('mutation scores per folder', () => {
  it.each([
    ['src/signing/request.ts', 'signing'],
    ['src/core/deep/er.ts', 'core'],
    ['src/index.ts', '(top)'],
    ['packages/mock/src/state/layer.ts', 'state'],
    ['src\\front\\front.ts', 'front'],
  ])('%s belongs to %s', (file, folder) => {
    expect(folderOf(file)).toBe(folder);
  });

  it('counts killed and timed-out mutants as caught, survivors and uncovered ones as missed, equivalent ones and errors as neither', () => {
    const report = {
      files: {
        'src/signing/a.ts': mutants('Killed', 'Killed', 'Survived', 'CompileError'),
        'src/signing/b.ts': mutants('Timeout', 'NoCoverage', 'Ignored', 'RuntimeError'),
        'src/crypto/c.ts': mutants('Killed', 'Killed', 'Killed', 'Survived'),
        'src/index.ts': mutants(),
      },
    };
    expect(folderScores(report, goals.client)).toEqual([
      { folder: '(top)', killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, other: 0, score: 100, goal: 70, met: true },
      { folder: 'crypto', killed: 3, timeout: 0, survived: 1, noCoverage: 0, ignored: 0, other: 0, score: 75, goal: 70, met: true },
      { folder: 'signing', killed: 2, timeout: 1, survived: 1, noCoverage: 1, ignored: 1, other: 2, score: 60, goal: 80, met: false },
    ]);
  });

  it('sets 80 % for the client signing/ and core/, 70 % everywhere else', () => {
    const report = { files: { 'src/core/a.ts': mutants('Killed'), 'src/huawei-vbs/b.ts': mutants('Killed'), 'src/state/c.ts': mutants('Killed') } };
    expect(folderScores(report, goals.client).map(({ folder, goal }) => [folder, goal])).toEqual([
      ['core', 80],
      ['huawei-vbs', 70],
      ['state', 70],
    ]);
    expect(folderScores(report, goals.mock).map(({ goal }) => goal)).toEqual([70, 70, 70]);
  });

  it('prints one aligned line per folder and marks a folder below its goal', () => {
    const rows = folderScores({ files: { 'src/core/a.ts': mutants('Killed', 'Survived'), 'src/crypto/b.ts': mutants('Killed') } }, goals.client);
    expect(formatScores('client', rows).split('\n')).toEqual([
      'mutation score per folder of packages/client/src',
      'folder     score  goal  killed  timeout  survived  no cov  left out  errors',
      'core     50.00 %  80 %       1        0         1       0         0       0  below goal',
      'crypto  100.00 %  70 %       1        0         0       0         0       0  ok',
    ]);
  });

  it('lists every survivor and unreached mutant by place, and every disabled one with its reason; killed ones not at all', () => {
    const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 1 } });
    const report = {
      files: {
        'packages/client/src/signing/b.ts': {
          mutants: [
            { status: 'Survived', mutatorName: 'EqualityOperator', replacement: 'i <= n', location: at(9, 4) },
            { status: 'Ignored', mutatorName: 'StringLiteral', replacement: '""', location: at(2, 1), statusReason: 'a cache key no caller reads' },
            { status: 'Killed', mutatorName: 'BooleanLiteral', replacement: 'false', location: at(1, 1) },
          ],
        },
        'packages/client/src/core/a.ts': {
          mutants: [
            { status: 'NoCoverage', mutatorName: 'BlockStatement', replacement: '{}', location: at(30, 12) },
            { status: 'Survived', mutatorName: 'ConditionalExpression', replacement: 'true', location: at(3, 7) },
            { status: 'Ignored', mutatorName: 'Regex', location: at(5, 2) },
          ],
        },
      },
    };
    expect(mutantList(report)).toEqual({
      missed: [
        'src/core/a.ts:3:7  Survived  ConditionalExpression -> "true"',
        'src/core/a.ts:30:12  NoCoverage  BlockStatement -> "{}"',
        'src/signing/b.ts:9:4  Survived  EqualityOperator -> "i <= n"',
      ],
      equivalent: ['src/core/a.ts:5:2  Regex  (no reason given)', 'src/signing/b.ts:2:1  StringLiteral -> "\\"\\""  (a cache key no caller reads)'],
    });
  });
});
