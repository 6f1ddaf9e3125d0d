import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every file a package generates into src/generated/ (gitignored) matches its committed copy in
 * test/__snapshots__/generated/, so a contract change shows its generated diff in review.
 * Accept a reviewed change with the package's `vitest run -u`.
 */
export function describeGeneratedSnapshots(packageDir: string): void {
  const generatedDir = join(packageDir, 'src', 'generated');
  const files = readdirSync(generatedDir)
    .filter((name) => name.endsWith('.ts'))
    .sort();

  describe('generated code', () => {
    it('has files to compare (run the generate task first)', () => {
      expect(files.length).toBeGreaterThan(0);
    });

    it.each(files)('src/generated/%s matches its reviewed snapshot', async (name) => {
      await expect(readFileSync(join(generatedDir, name), 'utf8')).toMatchFileSnapshot(join(packageDir, 'test', '__snapshots__', 'generated', `${name}.snap`));
    });
  });
}
