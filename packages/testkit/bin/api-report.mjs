#!/usr/bin/env node
// Checks the public TypeScript surface of the package in the current directory against its
// committed API reports (api-report/*.api.md), with API Extractor run on the built .d.ts.
//
//   api-report            check (the `test` step): fail, with a unified diff, when the built
//                         types no longer match a committed report
//   api-report --update   write the reports (the package's `api-report` script); commit them
//
// One report per entry of package.json `exports` whose `types` condition points into dist:
// `.` → <name>.api.md, `./huawei-vbs` → <name>-huawei-vbs.api.md (<name> without the scope).
// The mode is only ever chosen by the flag, never by the environment (no CI switch).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { CompilerState, Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { workspaceRootAbove } from '../src/workspace-root.mjs';

const usage = 'usage: api-report [--update]';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(usage);
  process.exit(0);
}
const unknown = args.filter((arg) => arg !== '--update');
if (unknown.length > 0) {
  console.error(`api-report: unknown argument(s) ${unknown.join(' ')}\n${usage}`);
  process.exit(2);
}
const update = args.includes('--update');

const pkgDir = process.cwd();
const packageJsonPath = join(pkgDir, 'package.json');
const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8'));
const unscopedName = pkg.name.replace(/^@[^/]+\//, '');
const reportFolder = join(pkgDir, 'api-report');
const acceptCommand = `npm run pnpm -- --filter ${pkg.name} api-report`;

/** The `types` target of one export condition object, looked up through nested conditions. */
function typesOf(target) {
  if (typeof target !== 'object' || target === null) return undefined;
  if (typeof target.types === 'string') return target.types;
  for (const [condition, nested] of Object.entries(target)) {
    if (condition === 'types') continue;
    const found = typesOf(nested);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A pattern export (`"./*"`, types `./dist/<star>/index.d.ts`) stands for every built file it
 * matches; a subpath the map sets to null is excluded, as Node excludes it.
 */
function patternEntries(map, subpath, types) {
  const [before, after] = types.split('*');
  const files = readdirSync(resolve(pkgDir, 'dist'), { recursive: true }).map((file) => `./dist/${String(file).split(sep).join('/')}`);
  return files
    .filter((file) => file.startsWith(before) && file.endsWith(after) && file.length > before.length + after.length)
    .map((file) => file.slice(before.length, file.length - after.length))
    .map((star) => ({ star, concrete: subpath.replace('*', star) }))
    .filter(({ concrete }) => map[concrete] !== null)
    .map(({ star, concrete }) => ({
      subpath: concrete,
      dts: resolve(pkgDir, types.replace('*', star)),
      reportName: `${unscopedName}-${concrete.replace(/^\.\//, '').replace(/[/.]+/g, '-')}`,
    }))
    .sort((a, b) => a.subpath.localeCompare(b.subpath));
}

/** The entries to report: export subpath, its .d.ts in dist, and the report's base name. */
function entriesOf(exportsField) {
  const map =
    typeof exportsField === 'string' || (exportsField && !Object.keys(exportsField).some((key) => key.startsWith('.')))
      ? { '.': exportsField }
      : (exportsField ?? {});
  const entries = [];
  for (const [subpath, target] of Object.entries(map)) {
    const types = typesOf(target);
    if (types === undefined) continue;
    if (!/^\.\/dist\/.*\.d\.[cm]?ts$/.test(types)) continue;
    if (subpath.includes('*')) {
      entries.push(...patternEntries(map, subpath, types));
      continue;
    }
    const suffix = subpath === '.' ? '' : `-${subpath.replace(/^\.\//, '').replace(/[/.]+/g, '-')}`;
    entries.push({ subpath, dts: resolve(pkgDir, types), reportName: `${unscopedName}${suffix}` });
  }
  return entries;
}

/** @types packages the package itself declares; TypeScript 6 no longer loads every @types by default. */
function declaredTypes() {
  const names = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies });
  return names
    .filter((name) => name.startsWith('@types/'))
    .map((name) => name.slice('@types/'.length))
    .sort();
}

/** The in-memory API Extractor config for one entry: only the API report, with stable output. */
function configFor(entry, tempFolder) {
  return {
    projectFolder: pkgDir,
    mainEntryPointFilePath: entry.dts,
    // nothing is inlined: imports of other packages (e.g. @cloud-backup-contracts/types) stay imports
    bundledPackages: [],
    newlineKind: 'lf',
    // members of an enum in declaration order: reordering a numeric enum changes its values
    enumMemberOrder: 'preserve',
    compiler: {
      // the repo's tsconfig.base.json settings that matter for reading declarations; no
      // customConditions, so `#imports` resolve to dist like a consumer's would
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          types: declaredTypes(),
        },
        files: [entry.dts],
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: entry.reportName,
      reportFolder,
      reportTempFolder: tempFolder,
      // types reachable from the surface but not exported are part of it: report their shape too
      includeForgottenExports: true,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      // the declarations compiled once already; anything the analysis compiler rejects is an error
      compilerMessageReporting: { default: { logLevel: 'error' } },
      extractorMessageReporting: {
        // any other finding is written into the report, where a reviewer sees it, and fails nothing
        default: { logLevel: 'warning', addToApiReportFile: true },
        // a type the surface uses but the entry does not export: includeForgottenExports already
        // puts its declaration (without `export`) in the report, so a change to its shape fails the
        // check; the warning itself would only add noise, and its list at the end of the report
        // carries source line numbers (mapped through declarationMap) that move on unrelated edits
        'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: false },
        // no @public/@beta/@alpha/@internal tags are used in this repo
        'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
        'ae-incompatible-release-tags': { logLevel: 'none', addToApiReportFile: false },
        'ae-internal-missing-underscore': { logLevel: 'none', addToApiReportFile: false },
        'ae-internal-mixed-release-tag': { logLevel: 'none', addToApiReportFile: false },
        'ae-undocumented': { logLevel: 'none', addToApiReportFile: false },
      },
      // the comments are docs for editors, not TSDoc; their syntax is not part of the API
      tsdocMessageReporting: { default: { logLevel: 'none', addToApiReportFile: false } },
    },
  };
}

const silentConsoleMessages = new Set([
  // "Analysis will use the bundled TypeScript version …": printed once below instead
  'console-preamble',
  // "The target project appears to use TypeScript … newer than the bundled compiler engine"
  'console-compiler-version-notice',
  // these say to copy a file by hand, or that one was written; we say what to run instead
  'console-api-report-not-copied',
  'console-api-report-copied',
  'console-api-report-created',
]);

let entries;
try {
  entries = entriesOf(pkg.exports);
} catch (error) {
  console.error(`api-report ${pkg.name}: ${error.message}`);
  process.exit(1);
}
if (entries.length === 0) {
  console.error(`api-report ${pkg.name}: no export with a "types" condition into dist`);
  process.exit(1);
}
const missingDts = entries.filter((entry) => !existsSync(entry.dts));
if (missingDts.length > 0) {
  for (const entry of missingDts) console.error(`api-report ${pkg.name}: ${relative(pkgDir, entry.dts)} is missing; build the package first`);
  process.exit(1);
}
if (update) mkdirSync(reportFolder, { recursive: true });

const require = createRequire(import.meta.url);
const tsVersion = require(require.resolve('typescript/package.json', { paths: [require.resolve('@microsoft/api-extractor')] })).version;
console.log(
  `api-report ${pkg.name}: ${update ? 'updating' : 'checking'} ${entries.length} report(s) (API Extractor ${Extractor.version}, its TypeScript ${tsVersion})`,
);

const started = performance.now();
const tempFolder = mkdtempSync(join(tmpdir(), `api-report-${unscopedName}-`));
const problems = [];
let compilerState;
// kept when a check fails, so the built report can be looked at
let keepTemp = false;

/** Runs API Extractor for one entry; returns a problem, or undefined when all is well. */
function reportEntry(entry, label) {
  const fileName = `${entry.reportName}.api.md`;
  const existed = existsSync(join(reportFolder, fileName));
  const extractorConfig = ExtractorConfig.prepare({
    configObject: configFor(entry, tempFolder),
    // the report's title is the package name for every entry; the file name tells the entry point
    packageJsonFullPath: packageJsonPath,
  });
  // one TypeScript program for all entries of the package
  compilerState ??= CompilerState.create(extractorConfig, { additionalEntryPoints: entries.map((other) => other.dts) });
  const result = Extractor.invoke(extractorConfig, {
    localBuild: update,
    compilerState,
    printApiReportDiff: true,
    messageCallback(message) {
      if (silentConsoleMessages.has(message.messageId)) {
        message.handled = true;
      } else if (message.messageId === 'console-api-report-diff') {
        // the unified diff of committed (---) vs built (+++) report
        message.handled = true;
        (update ? console.log : console.error)(message.text.replace(/^Changes to the API report:\n\n/, ''));
      }
    },
  });

  const built = join(tempFolder, fileName);
  if (result.errorCount > 0) return `${result.errorCount} error(s) from API Extractor (above)`;
  if (update) {
    console.log(`  ${label}: ${!existed ? 'created' : result.apiReportChanged ? 'updated' : 'up to date'}`);
    return undefined;
  }
  if (!existed) {
    keepTemp = true;
    return `no committed report (the built one is ${built})`;
  }
  if (result.apiReportChanged) {
    keepTemp = true;
    return `the built types no longer match the committed report (diff above; the built one is ${built})`;
  }
  if (!result.succeeded) return `${result.warningCount} warning(s) from API Extractor (above)`;
  console.log(`  ${label}: matches`);
  return undefined;
}

for (const entry of entries) {
  const label = `${entry.subpath} → api-report/${entry.reportName}.api.md`;
  try {
    const problem = reportEntry(entry, label);
    if (problem !== undefined) problems.push(`${label}: ${problem}`);
  } catch (error) {
    problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// a report without its entry point is a removed entry point: an API change as well
const expected = new Set(entries.map((entry) => `${entry.reportName}.api.md`));
const stale = existsSync(reportFolder) ? readdirSync(reportFolder).filter((name) => name.endsWith('.api.md') && !expected.has(name)) : [];
for (const name of stale) {
  if (update) {
    rmSync(join(reportFolder, name));
    console.log(`  api-report/${name}: removed (no such entry point any more)`);
  } else {
    problems.push(`api-report/${name}: committed, but no export with types produces it any more`);
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
if (problems.length > 0) {
  console.error(`\napi-report ${pkg.name}: FAILED (${seconds}s)`);
  for (const problem of problems) console.error(`  ${problem}`);
  if (!update) {
    console.error(
      `\nIf the change is intended, accept it (from the repo root) and commit the reports with the change:\n  ${acceptCommand}\n  git add ${relative(
        workspaceRootAbove(pkgDir) ?? pkgDir,
        reportFolder,
      )
        .split(sep)
        .join('/')}`,
    );
  }
}
if (!keepTemp) rmSync(tempFolder, { recursive: true, force: true });
if (problems.length > 0) process.exit(1);
console.log(`api-report ${pkg.name}: ${update ? 'written' : 'all match'} (${seconds}s)${update ? '; review and commit api-report/' : ''}`);
