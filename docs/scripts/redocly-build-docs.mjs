// Runs the pinned `redocly build-docs`, which renders one reference page from a bundle: the
// site build uses it, and so does the docs bench for the page shape the site used to have.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceBundleDir } from './apis.mjs';

const docsDir = fileURLToPath(new URL('..', import.meta.url));

/** Redoc's settings for every reference (the code sample languages), written by the site build. */
export const redocConfigPath = join(referenceBundleDir, 'redoc.yaml');

/** The CLI's entry file, to run under this Node. */
export function redoclyCli() {
  const manifestPath = createRequire(import.meta.url).resolve('@redocly/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), manifest.bin.redocly);
}

/**
 * Writes the page for `input` to `output`; Redoc is linked from its CDN unless `inlineBundle`.
 * @param {string} input a bundled contract
 * @param {string} output
 * @param {{ title: string, config?: string, inlineBundle?: boolean }} options
 */
export function buildDocs(input, output, { title, config = redocConfigPath, inlineBundle = false }) {
  const args = [redoclyCli(), 'build-docs', input, '--output', output, '--title', title, '--config', config, ...(inlineBundle ? ['--inlineBundle'] : [])];
  const result = spawnSync(process.execPath, args, {
    cwd: docsDir,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_UPDATE_NOTIFIER: '1' },
  });
  if (result.status !== 0) throw new Error(`redocly build-docs failed for ${input}:\n${result.stdout}${result.stderr}`);
}
