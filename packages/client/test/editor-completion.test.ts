// What an editor offers inside the factory options and a call's `headers`, asked of the
// TypeScript language service itself: the endpoint unions must still complete every documented field.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const scratch = join(packageDir, 'test', '__completion__.ts');

/** The completion names at `|` in `source` (a module in test/). */
function completionsAt(source: string): string[] {
  const position = source.indexOf('|');
  const text = source.replace('|', '');
  const config = ts.getParsedCommandLineOfConfigFile(join(packageDir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => config!.options,
    getScriptFileNames: () => [scratch],
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => {
      const content = file === scratch ? text : ts.sys.readFile(file);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => packageDir,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === scratch || ts.sys.fileExists(file),
    readFile: (file) => (file === scratch ? text : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host);
  return service.getCompletionsAtPosition(scratch, position, {})?.entries.map((entry) => entry.name) ?? [];
}

const transport = ['timeoutMs', 'retry', 'fetch', 'maxResponseBytes'];

describe('editor completion', () => {
  it.each<[string, { given: string; want: string[] }]>([
    [
      'Huawei factory options offer region, baseUrl and the rest',
      {
        given: `import { createHuaweiVbsClient } from '../src/huawei-vbs/index.js';\ncreateHuaweiVbsClient({ | });`,
        want: ['region', 'baseUrl', 'projectId', 'auth', ...transport],
      },
    ],
    [
      'Huawei region values offer the known regions',
      {
        given: `import { createHuaweiVbsClient } from '../src/huawei-vbs/index.js';\ncreateHuaweiVbsClient({ region: '|' });`,
        want: ['cn-north-4', 'ap-southeast-1'],
      },
    ],
    [
      'Alibaba factory options offer regionId, vpc, baseUrl and the rest',
      {
        given: `import { createAlibabaHbrClient } from '../src/alibaba-hbr/index.js';\ncreateAlibabaHbrClient({ | });`,
        want: ['regionId', 'vpc', 'baseUrl', 'auth', ...transport],
      },
    ],
    [
      'a call offers headers beside its parameters and call options',
      {
        given: `import { createHuaweiVbsClient } from '../src/huawei-vbs/index.js';\ndeclare const c: ReturnType<typeof createHuaweiVbsClient>;\nc.getBackupShare({ | });`,
        want: ['path', 'headers', 'signal', 'timeoutMs', 'retry'],
      },
    ],
  ])(
    '%s',
    (_name, { given, want }) => {
      const names = completionsAt(given);
      for (const name of want) expect(names, `completions: ${names.join(', ')}`).toContain(name);
      // note: each case type-checks the package anew; slow on a loaded machine
    },
    120_000,
  );
});
