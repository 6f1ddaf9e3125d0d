// A throwaway TypeScript project of code samples, one module each, compiled by one strict tsc run
// against the built workspace packages (docs/node_modules), the way a consumer's project would be.
// tsc writes the JavaScript even for a module that fails to type-check, so the run checks stay
// independent of the type check.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const docsDir = fileURLToPath(new URL('../../', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

export interface SampleModule {
  /** names the module's file, `<api>/<operationId>`; every problem is reported under it */
  id: string;
  source: string;
}

export interface SampleProject {
  dir: string;
  /** tsc's errors per module id; `(project)` for any that names no sample */
  problems: Record<string, string[]>;
  /** the emitted JavaScript of a module */
  jsPath(id: string): string;
  dispose(): void;
}

// the strictest settings teams turn on; the published .d.ts files themselves are checked by
// packages/consumer-test, so skipping them here keeps each run about 4 s shorter
const compilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  target: 'ES2022',
  lib: ['ES2022'],
  types: ['node'],
  module: 'nodenext',
  moduleResolution: 'nodenext',
  rootDir: 'src',
  outDir: 'out',
  noEmitOnError: false,
};

/** Runs a command to its end without blocking this process (a relay in it may be serving the command). */
export function runCommand(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${options.timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Writes the modules (and any extra files, e.g. types to map with `paths`) into a new project
 * and compiles them all in one tsc run.
 */
export async function compileSamples(
  modules: SampleModule[],
  extra: { files?: Record<string, string>; paths?: Record<string, string[]> } = {},
): Promise<SampleProject> {
  const dir = mkdtempSync(join(tmpdir(), 'docs-samples-'));
  // note: the samples import the packages exactly as the docs print them, resolved through the docs' own dependencies
  symlinkSync(join(docsDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ private: true, type: 'module' })}\n`);
  for (const [file, text] of Object.entries({ ...extra.files, ...Object.fromEntries(modules.map((m) => [`src/${m.id}.ts`, m.source])) })) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const options = extra.paths ? { ...compilerOptions, paths: extra.paths } : compilerOptions;
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions: options, include: ['src/**/*.ts'] }, null, 2)}\n`);
  const run = await runCommand(process.execPath, [tsc, '-p', dir, '--pretty', 'false'], { cwd: dir, timeoutMs: 120_000 });

  const problems: Record<string, string[]> = {};
  const ids = new Set(modules.map((m) => m.id));
  let current = '(project)';
  for (const line of `${run.stdout}${run.stderr}`.split('\n')) {
    if (line.trim() === '') continue;
    const at = /^src\/(.+)\.ts\(\d+,\d+\): /.exec(line);
    // note: tsc continues one error over several indented lines
    if (at) current = at[1] && ids.has(at[1]) ? at[1] : '(project)';
    else if (!/^\s/.test(line)) current = '(project)';
    (problems[current] ??= []).push(line.trim());
  }
  if (run.code !== 0 && Object.keys(problems).length === 0) problems['(project)'] = [`tsc exited ${run.code} with no message`];
  return {
    dir,
    problems,
    jsPath: (id) => join(dir, 'out', `${id}.js`),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
