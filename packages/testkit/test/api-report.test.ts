// The api-report bin on a tiny package made up in a temp folder (no build needed): it writes
// stable reports, passes on unchanged types, and fails with the diff and the accept command
// when an exported (or reachable, unexported) type changes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'api-report.mjs');
let pkgDir: string;

function write(path: string, text: string) {
  mkdirSync(dirname(join(pkgDir, path)), { recursive: true });
  writeFileSync(join(pkgDir, path), text);
}
function apiReport(...args: string[]) {
  // a failed check keeps its built reports in a temp folder: keep that inside pkgDir
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: pkgDir, encoding: 'utf8', env: { ...process.env, TMPDIR: join(pkgDir, 'tmp') } });
  return { status: result.status, output: result.stdout + result.stderr };
}
const report = (name: string) => readFileSync(join(pkgDir, 'api-report', name), 'utf8');

beforeAll(() => {
  pkgDir = mkdtempSync(join(tmpdir(), 'api-report-test-'));
  mkdirSync(join(pkgDir, 'tmp'));
  write(
    'package.json',
    JSON.stringify({
      name: '@scope/fixture',
      version: '1.0.0',
      type: 'module',
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './sub': { types: './dist/sub/index.d.ts', default: './dist/sub/index.js' } },
    }),
  );
  // an external package: its types must stay an import, not be inlined
  write('node_modules/ext-types/package.json', JSON.stringify({ name: 'ext-types', version: '1.0.0', type: 'module', types: './index.d.ts' }));
  write('node_modules/ext-types/index.d.ts', 'export interface Paths { a: string }\n');
  write(
    'dist/index.d.ts',
    [
      "import type { Paths } from 'ext-types';",
      // not exported from the entry, but part of its surface (tsc writes `export {}` for such files)
      'interface Init {',
      '    id: string;',
      '}',
      'export declare function create(init: Init): Paths;',
      'export {};',
      '',
    ].join('\n'),
  );
  write('dist/sub/index.d.ts', "export * from '../index.js';\nexport declare const regions: readonly ['a', 'b'];\n");
});
afterAll(() => rmSync(pkgDir, { recursive: true, force: true }));

// each run starts API Extractor's TypeScript: seconds on a 2-core machine
// note: three API Extractor runs; generous for a busy CI machine
describe('api-report', { timeout: 240_000 }, () => {
  it('writes one report per entry point; external imports stay imports, unexported types are shown', () => {
    expect(apiReport('--update').status).toBe(0);
    const first = [report('fixture.api.md'), report('fixture-sub.api.md')];
    expect(first[0]).toContain("import type { Paths } from 'ext-types';");
    expect(first[0]).toMatch(/^interface Init \{$/m);
    expect(first[0]).not.toContain('export interface Init');
    expect(first[1]).toContain("export const regions: readonly ['a', 'b'];");
  });

  // a passing check is a second run that produced byte-identical reports
  it('passes when the types match, fails with the diff and the accept command when they change', () => {
    expect(apiReport()).toMatchObject({ status: 0 });
    const original = readFileSync(join(pkgDir, 'dist/index.d.ts'), 'utf8');
    try {
      write('dist/index.d.ts', `${original.replace('    id: string;', '    id: string;\n    region?: string;')}export declare function added(): void;\n`);
      const { status, output } = apiReport();
      expect(status).toBe(1);
      expect(output).toContain('+export function added(): void;');
      expect(output).toContain('+    region?: string;');
      expect(output).toContain('the built types no longer match the committed report');
      expect(output).toContain('npm run pnpm -- --filter @scope/fixture api-report');
    } finally {
      write('dist/index.d.ts', original);
    }
    expect(apiReport().status).toBe(0);
  });

  it('expands a pattern export to one report per built entry, leaving out the subpaths set to null', () => {
    const manifest = readFileSync(join(pkgDir, 'package.json'), 'utf8');
    try {
      const pkg = JSON.parse(manifest);
      pkg.exports = { '.': pkg.exports['.'], './hidden': null, './*': { types: './dist/*/index.d.ts', default: './dist/*/index.js' } };
      write('package.json', JSON.stringify(pkg));
      write('dist/hidden/index.d.ts', 'export declare const secret: 1;\n');
      const { status, output } = apiReport();
      expect(output).toContain('./sub → api-report/fixture-sub.api.md: matches');
      expect(output).not.toContain('./hidden');
      expect(status).toBe(0);
    } finally {
      write('package.json', manifest);
      rmSync(join(pkgDir, 'dist/hidden'), { recursive: true, force: true });
    }
  });
});
