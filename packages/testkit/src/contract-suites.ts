import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { type ApiName, loadBundle, repoRoot } from './bundles.ts';
import { collectExamples } from './examples.ts';
import { ContractSchemaValidator } from './schema-validator.ts';

/** Every example in the bundled contract validates against its own schema. */
export function describeExampleValidation(api: ApiName): void {
  const doc = loadBundle(api);
  const validator = new ContractSchemaValidator(doc);
  const examples = collectExamples(doc);

  describe(`${api} examples`, () => {
    it('has examples to check', () => {
      expect(examples.length).toBeGreaterThan(10);
    });

    it.each(examples.map((example) => [example.where, example] as const))('%s validates against its schema', (_where, example) => {
      const { valid, errors } = validator.validate(example.schemaPointer, example.value);
      expect(errors).toEqual([]);
      expect(valid).toBe(true);
    });

    afterAll(() => console.log(`examples ${api}: validated ${examples.length} examples against their schemas`));
  });
}

function runLint(api: ApiName, config: string, cwd: string) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/lint-spec.mjs'), api, '--config', config], { cwd, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** The real contract lints clean, and the linter really fails when a rule is broken. */
export function describeLintBehaviour(api: ApiName): void {
  const specDir = join(repoRoot, 'spec', api);

  // each test starts the Redocly CLI (1.5 s alone, over 5 s beside the other suites on 2 cores)
  describe(`${api} lint`, { timeout: 60_000 }, () => {
    it('passes with zero errors and zero warnings', () => {
      const { status, output } = runLint(api, join(repoRoot, 'redocly.yaml'), specDir);
      expect(output).toContain('0 errors, 0 warnings');
      expect(status).toBe(0);
    });

    it('fails when an operation loses its description', () => {
      const work = mkdtempSync(join(tmpdir(), `lint-${api}-`));
      try {
        for (const part of ['openapi.yaml', 'paths', 'components']) cpSync(join(specDir, part), join(work, part), { recursive: true });
        const redocly = readFileSync(join(repoRoot, 'redocly.yaml'), 'utf8').replaceAll(`spec/${api}/`, '');
        writeFileSync(join(work, 'redocly.yaml'), redocly);

        const pathFile = join(work, 'paths', readdirSync(join(work, 'paths')).sort()[0]!);
        const document = parseDocument(readFileSync(pathFile, 'utf8'));
        const method = ['get', 'post', 'delete'].find((m) => document.hasIn([m, 'description']))!;
        document.deleteIn([method, 'description']);
        writeFileSync(pathFile, document.toString());

        const { status, output } = runLint(api, join(work, 'redocly.yaml'), specDir);
        expect(output).toMatch(/operation-description/);
        expect(status).toBe(1);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    });
  });
}
