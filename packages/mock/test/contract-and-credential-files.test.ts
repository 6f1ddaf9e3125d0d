// The checks startMock and the CLI make on the files they are given, called directly: a
// contract's problem before Prism sees it, and the credentials file and object, each refusal
// word for word (naming the file or field, never quoting its content).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contractProblem } from '../src/contracts.ts';
import { CredentialsError, createVerifiers, readCredentialsFile } from '../src/credentials.ts';
import { MockStartError } from '../src/start-error.ts';
import { jsonParseError, thrown } from './support/thrown.ts';

const work = mkdtempSync(join(tmpdir(), 'mock-files-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const paths = '"paths": {"/x": {}}';

describe('contractProblem', () => {
  it.each<[string, string, string, (path: string) => string | undefined]>([
    ['a YAML contract, left to Prism', 'contract.yaml', 'openapi: 3.1.0\npaths: {}\n', () => undefined],
    ['a YAML contract in a file named .json.yaml', 'contract.json.yaml', 'openapi: 3.1.0\n', () => undefined],
    ['an OpenAPI 3 JSON contract', 'contract.json', `{"openapi": "3.0.3", ${paths}}`, () => undefined],
    [
      'a .JSON file that is YAML, checked as JSON',
      'contract.JSON',
      'openapi: 3.1.0\n',
      (path) => `contract ${path} is not valid JSON (${jsonParseError('openapi: 3.1.0\n')})`,
    ],
    ['OpenAPI 13', '13.json', `{"openapi": "13.0", ${paths}}`, (path) => `contract ${path} is not an OpenAPI 3.x document (no "openapi": "3.x" field)`],
    [
      'openapi as a number',
      'number.json',
      `{"openapi": 3.1, ${paths}}`,
      (path) => `contract ${path} is not an OpenAPI 3.x document (no "openapi": "3.x" field)`,
    ],
    ['a JSON array', 'array.json', '[1]', (path) => `contract ${path} is not an OpenAPI 3.x document (no "openapi": "3.x" field)`],
    ['paths: null', 'null-paths.json', '{"openapi": "3.1.0", "paths": null}', (path) => `contract ${path} declares no paths`],
    ['paths as a string', 'text-paths.json', '{"openapi": "3.1.0", "paths": "/x"}', (path) => `contract ${path} declares no paths`],
  ])('%s', (_what, name, text, want) => {
    const path = file(name, text);
    expect(contractProblem(path)).toBe(want(path));
  });

  it('names a missing file and an unreadable one by its error code', () => {
    expect(contractProblem(join(work, 'none.json'))).toBe(`contract ${join(work, 'none.json')} does not exist`);
    const folder = join(work, 'folder.json');
    mkdirSync(folder);
    expect(contractProblem(folder)).toBe(`contract ${folder} cannot be read (EISDIR)`);
  });
});

describe('the credentials file', () => {
  it('is read as JSON', () => {
    expect(readCredentialsFile(file('ok.json', '{"huawei-vbs": {"tokens": ["t"]}}'))).toEqual({ 'huawei-vbs': { tokens: ['t'] } });
  });

  it.each<[string, () => string, (path: string) => string]>([
    ['a missing file', () => join(work, 'missing.json'), (path) => `the credentials file ${path} does not exist`],
    [
      'a folder',
      () => {
        const path = join(work, 'creds-folder');
        mkdirSync(path);
        return path;
      },
      (path) => `the credentials file ${path} cannot be read (EISDIR)`,
    ],
    [
      'text that is not JSON, never quoted',
      () => file('broken.json', '{"tokens": ["SECRET-VALUE"'),
      (path) => `the credentials file ${path} is not valid JSON`,
    ],
  ])('refuses %s', (_what, make, want) => {
    const path = make();
    const error = thrown(() => readCredentialsFile(path));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error).toMatchObject({ name: 'CredentialsError', api: undefined, message: want(path) });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain('SECRET-VALUE');
  });
});

describe('createVerifiers', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a list', []],
    ['text', 'huawei-vbs'],
  ])('refuses credentials that are %s, naming the sections it wants', (_what, credentials) => {
    expect(thrown(() => createVerifiers(credentials))).toMatchObject({
      name: 'CredentialsError',
      api: undefined,
      message: 'credentials must be an object with a section per API (huawei-vbs, alibaba-hbr)',
    });
  });

  it('names the API whose section is wrong, and lists the APIs without a section', () => {
    expect(thrown(() => createVerifiers({ 'alibaba-hbr': { aksk: 'x' } }))).toMatchObject({ name: 'CredentialsError', api: 'alibaba-hbr' });
    const verifiers = createVerifiers({ 'huawei-vbs': { tokens: ['t'] } });
    expect(verifiers).toMatchObject({ unverified: [], withoutCredentials: ['alibaba-hbr'] });
    expect(Object.keys(verifiers.byApi)).toEqual(['huawei-vbs', 'alibaba-hbr']);
  });
});

describe('a credentials file with a padded secret', () => {
  // one rule with the client: a secret is used exactly as given, so a copy's stray space or newline is refused, never trimmed
  it.each([
    ['huawei-vbs', { aksk: [{ accessKeyId: 'AK', secretAccessKey: 'PADDED-SECRET\n' }] }, 'aksk[0].secretAccessKey'],
    ['alibaba-hbr', { aksk: [{ accessKeyId: 'AK', accessKeySecret: ' PADDED-SECRET' }] }, 'aksk[0].accessKeySecret'],
  ])('is refused for %s, naming the field and never the secret', (api, section, field) => {
    const path = file(`padded-${api}.json`, JSON.stringify({ [api]: section }));
    const error = thrown(() => createVerifiers(readCredentialsFile(path)));
    expect(error).toMatchObject({ name: 'CredentialsError', api, message: `credentials["${api}"].${field} must not start or end with whitespace` });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain('PADDED-SECRET');
  });
});

describe('the mock errors name themselves', () => {
  it('MockStartError', () => {
    expect(new MockStartError('bad-option', undefined, 'x').name).toBe('MockStartError');
  });
});
