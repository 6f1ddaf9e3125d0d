// The import-cycle check that `npm run lint` (Biome's noImportCycles, type-only imports
// included) runs over the workspace: a copy of the repo's own biome.json, beside small module
// sets in a temp folder (outside the tree, where the lint run could see them), fails on each
// kind of cycle and passes a one-way import.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { workspaceRootAbove } from '../src/workspace-root.mjs';

const root = workspaceRootAbove(import.meta.dirname)!;
const biome = join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

function lintModules(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'import-cycles-'));
  try {
    copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    // no git repository there, so no ignore file to read
    const args = [biome, 'lint', '--vcs-enabled=false', '--only=suspicious/noImportCycles', '.'];
    const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the import-cycle check', () => {
  it.each([
    [
      'two modules importing values from each other',
      { 'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n", 'b.ts': "import { a } from './a.js';\nexport const b = () => a;\n" },
    ],
    [
      'a cycle closed by a type-only import',
      {
        'a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
        'b.ts': "import type { a } from './a.js';\nexport const b = 1;\nexport type A = typeof a;\n",
      },
    ],
    [
      'a cycle through three modules',
      {
        'a.ts': "import { b } from './b.js';\nexport const a = b;\n",
        'b.ts': "import { c } from './c.js';\nexport const b = c;\n",
        'c.ts': "import type { a } from './a.js';\nexport const c = 1;\nexport type A = typeof a;\n",
      },
    ],
  ])('fails on %s', (_, files) => {
    const { status, output } = lintModules(files);
    expect(status).toBe(1);
    expect(output).toContain('This import is part of a cycle.');
  });

  it('passes modules that import one way', () => {
    const { status, output } = lintModules({ 'a.ts': "import { b } from './b.js';\nexport const a = b;\n", 'b.ts': 'export const b = 1;\n' });
    expect(output).not.toContain('cycle');
    expect(status).toBe(0);
  });
});
