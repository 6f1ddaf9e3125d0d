// The two ways consumers compile TypeScript: Node's own module rules (nodenext), and a bundler's
// (preserve + bundler, with the DOM library a front-end project has). Both with the strictest
// options teams turn on, and with skipLibCheck off so our published .d.ts files are checked too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const strictest = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  target: 'ES2022',
  types: ['node'],
};

export interface ConsumerTsconfig {
  name: string;
  /** the file written into the project */
  file: string;
  /** whether this config can emit the JS that is run (only the Node-style one) */
  emits: boolean;
  compilerOptions: Record<string, unknown>;
}

export const consumerTsconfigs: readonly ConsumerTsconfig[] = [
  {
    name: 'nodenext',
    file: 'tsconfig.nodenext.json',
    emits: true,
    compilerOptions: { ...strictest, module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022'], outDir: 'out', rootDir: '.' },
  },
  {
    name: 'bundler',
    file: 'tsconfig.bundler.json',
    emits: false,
    compilerOptions: { ...strictest, module: 'preserve', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'], noEmit: true },
  },
];

/** Writes every config into the project, each compiling just the program `entry`. */
export function writeConsumerTsconfigs(projectDir: string, entry: string): void {
  for (const { file, compilerOptions } of consumerTsconfigs) {
    writeFileSync(join(projectDir, file), `${JSON.stringify({ compilerOptions, files: [entry] }, null, 2)}\n`);
  }
}

/** The project's own tsc, with one config; JS is emitted only when `emitTo` is given and the config emits. */
export function tscArgs(projectDir: string, config: ConsumerTsconfig, emitTo?: string): string[] {
  const tsc = join(projectDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const emit = emitTo !== undefined && config.emits ? ['--outDir', emitTo] : ['--noEmit'];
  return [tsc, '-p', config.file, '--pretty', 'false', ...emit];
}

/** A CommonJS TypeScript project: a `.cts` program under `module: nodenext` (TypeScript >= 5.8), whose imports compile to require() calls. */
export const commonjsTsconfig: ConsumerTsconfig = {
  name: 'commonjs',
  file: 'tsconfig.commonjs.json',
  emits: true,
  compilerOptions: { ...strictest, module: 'nodenext', moduleResolution: 'nodenext', lib: ['ES2022'], outDir: 'out', rootDir: '.' },
};

/** Writes the CommonJS config into the project, compiling just the program `entry`. */
export function writeCommonjsTsconfig(projectDir: string, entry: string): void {
  writeFileSync(join(projectDir, commonjsTsconfig.file), `${JSON.stringify({ compilerOptions: commonjsTsconfig.compilerOptions, files: [entry] }, null, 2)}\n`);
}
