// The registry reader on made-up redocly.yaml files, and the lint refusing a registry entry
// that Redocly itself would only warn about.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRegistry, RegistryError, registryEntry } from '../src/registry.mjs';
import { workspaceRootAbove } from '../src/workspace-root.mjs';

const dir = mkdtempSync(join(tmpdir(), 'registry-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = (name: string, port: number, extra = '') =>
  [
    `  ${name}:`,
    `    root: spec/${name}/openapi.yaml`,
    `    output: spec/${name}/dist/openapi.json`,
    '    x-registry:',
    `      label: ${name} label`,
    `      title: ${name} reference`,
    '      client: createThingClient',
    `      mock: { port: ${port} }`,
    extra,
  ].join('\n');

function registryFile(text: string): string {
  const file = join(dir, `redocly-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, text);
  return file;
}

describe('loadRegistry', () => {
  it('reads each entry with its paths resolved against the registry file', () => {
    const file = registryFile(`apis:\n${entry('one-api', 4100)}\n${entry('two', 4101)}\n`);
    const registry = loadRegistry(file);
    expect(registry.map((api) => api.name)).toEqual(['one-api', 'two']);
    expect(registry[0]).toEqual({
      name: 'one-api',
      label: 'one-api label',
      title: 'one-api reference',
      root: join(dir, 'spec/one-api/openapi.yaml'),
      bundle: join(dir, 'spec/one-api/dist/openapi.json'),
      client: 'createThingClient',
      mock: { port: 4100 },
    });
    expect(registryEntry('two', registry).mock.port).toBe(4101);
    expect(() => registryEntry('three', registry)).toThrow('api "three" is not in the registry (known: one-api, two)');
  });

  it("reads an API's request verifier when the entry names one", () => {
    const file = registryFile(`apis:\n${entry('one', 4100).replace('port: 4100 }', 'port: 4100, verifier: createThingVerifier }')}\n`);
    expect(loadRegistry(file)[0]!.mock).toEqual({ port: 4100, verifier: 'createThingVerifier' });
  });

  it("reads an API's code-sample settings when the entry has them", () => {
    const samples = '      samples:\n        client: { apiKey: k }\n        credentials: { keyHeader: k }\n        note: placeholders';
    expect(loadRegistry(registryFile(`apis:\n${entry('one', 4100, samples)}\n`))[0]!.samples).toEqual({
      client: { apiKey: 'k' },
      credentials: { keyHeader: 'k' },
      note: 'placeholders',
    });
  });

  const withSamples = (block: string) => `apis:\n${entry('one', 4100, `      samples:\n${block}`)}\n`;
  const broken: [string, string, string][] = [
    ['samples without client options', withSamples('        credentials: { k: v }'), 'apis.one.x-registry.samples.client must be a mapping'],
    [
      'samples with no credential',
      withSamples('        client: { apiKey: k }\n        credentials: {}'),
      'apis.one.x-registry.samples.credentials must name at least one security scheme',
    ],
    [
      'a credential that is not text',
      withSamples('        client: { apiKey: k }\n        credentials: { keyHeader: 42 }'),
      'apis.one.x-registry.samples.credentials.keyHeader must be a non-empty string',
    ],
    ['no apis map', 'extends: [recommended]\n', 'apis must be a mapping'],
    ['an empty apis map', 'apis: {}\n', 'apis lists no API'],
    ['a name that is not kebab-case', `apis:\n${entry('One_Api', 4100)}\n`, 'apis.One_Api (the key) must look like kebab-case'],
    ['no x-registry block', 'apis:\n  one:\n    root: a.yaml\n    output: a.json\n', 'apis.one.x-registry must be a mapping'],
    ['a port out of range', `apis:\n${entry('one', 70000)}\n`, 'apis.one.x-registry.mock.port must be an integer from 1 to 65535, got 70000'],
    [
      'a port given as text',
      `apis:\n${entry('one', 0).replace('port: 0', "port: '4100'")}\n`,
      'apis.one.x-registry.mock.port must be an integer from 1 to 65535, got "4100"',
    ],
    [
      'a bundle that is not JSON',
      `apis:\n${entry('one', 4100).replace('dist/openapi.json', 'dist/openapi.yaml')}\n`,
      'apis.one.output must look like a .json file',
    ],
    [
      'a client that is not a factory name',
      `apis:\n${entry('one', 4100).replace('createThingClient', 'thing')}\n`,
      'apis.one.x-registry.client must look like createSomethingClient',
    ],
    [
      'a verifier that is not a factory name',
      `apis:\n${entry('one', 4100).replace('port: 4100 }', 'port: 4100, verifier: checkThing }')}\n`,
      'apis.one.x-registry.mock.verifier must look like createSomethingVerifier',
    ],
    ['a missing label', `apis:\n${entry('one', 4100).replace('      label: one label\n', '')}\n`, 'apis.one.x-registry.label must be a non-empty string'],
    ['two APIs on one port', `apis:\n${entry('one', 4100)}\n${entry('two', 4100)}\n`, 'apis.two.x-registry.mock.port repeats 4100, already used by one'],
  ];
  it.each(broken)('refuses %s with a RegistryError naming the key', (_what, text, message) => {
    const file = registryFile(text);
    expect(() => loadRegistry(file)).toThrow(RegistryError);
    expect(() => loadRegistry(file)).toThrow(message);
  });

  it('reads the workspace registry: every API has its spec entry file', () => {
    for (const api of loadRegistry()) expect(readFileSync(api.root, 'utf8')).toMatch(/^openapi: 3\.1/m);
  });
});

describe('the contracts lint', { timeout: 60_000 }, () => {
  it('fails on a registry entry placed outside the apis map, which Redocly alone only warns about', () => {
    const root = workspaceRootAbove(import.meta.dirname)!;
    const config = readFileSync(join(root, 'redocly.yaml'), 'utf8').replaceAll('spec/', `${root}/spec/`);
    const misplaced = registryFile(`${config}\nstray-api:\n  root: nowhere.yaml\n`);
    const result = spawnSync(process.execPath, [join(root, 'scripts', 'lint-spec.mjs'), '--config', misplaced], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/has problems of its own \(redocly check-config exit [1-9]\)/);
  });
});
