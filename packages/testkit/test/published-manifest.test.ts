// The packed-manifest check behind check-package: repo-only conditions and paths outside the
// package are found, and pnpm pack really drops the `source` condition through publishConfig.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packPackage } from '../src/pack.mjs';
import { repoInternalEntries } from '../src/published-manifest.mjs';
import { readTarballFile } from '../src/tarball.mjs';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const crypto = { types: './dist/node.d.ts', node: './dist/node.js', default: './dist/web.js' };

/** The manifest of `manifest` packed by the workspace's pnpm, as a consumer receives it. */
function packed(manifest: Record<string, unknown>): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-pkg-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'manifest-probe', version: '1.0.0', type: 'module', ...manifest }));
  writeFileSync(join(dir, 'index.js'), 'export {};\n');
  const tarball = packPackage(dir);
  dirs.push(join(tarball, '..'));
  return JSON.parse(readTarballFile(tarball, 'package/package.json') ?? '{}');
}

describe('repoInternalEntries', () => {
  it('names a source condition wherever it sits, in exports and imports', () => {
    const manifest = {
      exports: { '.': { source: './src/index.ts', default: './dist/index.js' }, './x': [{ source: './src/x.ts' }, './dist/x.js'] },
      imports: { '#crypto': { node: { source: './src/node.ts', default: './dist/node.js' } } },
    };
    expect(repoInternalEntries(manifest)).toEqual([
      'exports["."].source: repo-only condition',
      'exports["./x"][0].source: repo-only condition',
      'imports["#crypto"]["node"].source: repo-only condition',
    ]);
  });

  it('names targets that leave the package, and lets package names through in imports', () => {
    const manifest = { exports: { '.': '../types/dist/index.js', './abs': '/repo/x.js' }, imports: { '#dep': 'openapi-fetch', '#ok': './dist/a.js' } };
    expect(repoInternalEntries(manifest)).toEqual([
      'exports["."]: "../types/dist/index.js" is outside the package',
      'exports["./abs"]: "/repo/x.js" is outside the package',
    ]);
  });

  it('passes the packed manifest of a package that keeps its source condition in the repo only', () => {
    const manifest = packed({ imports: { '#crypto': { source: './src/node.ts', ...crypto } }, publishConfig: { imports: { '#crypto': crypto } } });
    expect(manifest.imports).toEqual({ '#crypto': crypto });
    expect(repoInternalEntries(manifest)).toEqual([]);
  });

  it('fails the packed manifest when publishConfig does not drop it', () => {
    const manifest = packed({ imports: { '#crypto': { source: './src/node.ts', ...crypto } } });
    expect(repoInternalEntries(manifest)).toEqual(['imports["#crypto"].source: repo-only condition']);
  });
});
