// The per-operation surface comes from the contract alone: generating from a fixture spec adds
// a typed method per operationId, and removing an operation breaks the code that calls it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOperationModule } from '../../scripts/generate-operations.mjs';
import { plainAdapter } from '../support/plain-adapter.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const fixture = JSON.parse(readFileSync(new URL('./widgets.openapi.json', import.meta.url), 'utf8'));
const tsc = join(packageDir, 'node_modules/typescript/bin/tsc');

type Spec = typeof fixture;
const withoutGetWidget = (spec: Spec): Spec => ({ ...spec, paths: { '/widgets': spec.paths['/widgets'] } });
const withDeleteWidget = (spec: Spec): Spec => {
  const copy = structuredClone(spec);
  copy.paths['/widgets/{id}'].delete = {
    operationId: 'deleteWidget',
    parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
    responses: { '200': { description: 'deleted' } },
  };
  return copy;
};

const usage = `
import { createApiClient } from '../src/core/create-api-client.js';
import type { VendorAdapter } from '../src/core/types.js';
import type { paths } from './types.js';
import { widgetsOperations, type WidgetsOperations } from './operations.js';
declare const adapter: VendorAdapter;
const client = createApiClient<typeof widgetsOperations, WidgetsOperations, paths, Error>(widgetsOperations, {}, adapter);
export async function use() {
  const { data } = await client.getWidget({ path: { id: 'w1' } });
  const id: string | undefined = data?.id;
  for await (const page of client.pages.listWidgets({}, { pageSize: 10 })) void page.data?.widgets;
  return id;
}
`;

const linkArray = { type: 'array', items: { type: 'object', properties: { rel: { type: 'string' }, href: { type: 'string' } } } };

/** A copy of the spec whose listing's 200 body has these properties beside its items. */
function withListProperties(spec: Spec, properties: Record<string, unknown>): Spec {
  const copy = structuredClone(spec);
  Object.assign(copy.paths['/widgets'].get.responses['200'].content['application/json'].schema.properties, properties);
  return copy;
}

type Parameter = { name: string; [key: string]: unknown };

/** Every inline parameter of the spec, path-level and operation-level. */
function parametersOf(spec: Spec): Parameter[] {
  type Holder = { parameters?: unknown };
  const items = Object.values(spec.paths as Record<string, Record<string, Holder>>);
  const holders: Holder[] = items.flatMap((item) => [item, ...Object.values(item)]);
  return holders.flatMap((holder) => (Array.isArray(holder.parameters) ? (holder.parameters as Parameter[]) : []));
}

/** A copy of the spec whose parameters of these names carry the contract's `x-client-filled: true`. */
function markClientFilled(spec: Spec, names: string[]): Spec {
  const copy = structuredClone(spec);
  for (const parameter of parametersOf(copy)) if (names.includes(parameter.name)) parameter['x-client-filled'] = true;
  return copy;
}

/** Generates types + operation table for a spec into a scratch folder inside the package. */
async function generateInto(dir: string, spec: Spec, filledByClient: string[] = []): Promise<void> {
  const marked = markClientFilled(spec, filledByClient);
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(marked));
  writeFileSync(join(dir, 'types.ts'), astToString(await openapiTS(pathToFileURL(join(dir, 'spec.json')))));
  const options = { apiName: 'widgets', typesModule: './types.js', coreModule: '../src/core/operation-table.js' };
  writeFileSync(join(dir, 'operations.ts'), generateOperationModule(marked, options));
}

function typecheck(dir: string) {
  writeFileSync(join(dir, 'usage.ts'), usage);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../tsconfig.json', compilerOptions: { rootDir: '..', noEmit: true }, include: ['*.ts'] }),
  );
  const result = spawnSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { cwd: packageDir, encoding: 'utf8' });
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

let server: ScriptedServer;
const scratch: string[] = [];
const newScratch = () => {
  const dir = mkdtempSync(join(packageDir, '.codegen-'));
  scratch.push(dir);
  return dir;
};
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('generated operation surface', { timeout: 90_000 }, () => {
  it('compiles a caller of every generated method', async () => {
    const dir = newScratch();
    await generateInto(dir, fixture);
    const { ok, output } = typecheck(dir);
    expect(output).toBe('');
    expect(ok).toBe(true);
  });

  it('breaks the build where a removed operation is used', async () => {
    const dir = newScratch();
    await generateInto(dir, withoutGetWidget(fixture));
    const { ok, output } = typecheck(dir);
    expect(ok).toBe(false);
    expect(output).toMatch(/Property 'getWidget' does not exist/);
  });

  it('takes a parameter the client fills in out of the method input type', async () => {
    const dir = newScratch();
    await generateInto(dir, fixture, ['id']);
    const { ok, output } = typecheck(dir);
    expect(ok).toBe(false);
    expect(output).toMatch(/usage\.ts\(\d+,\d+\): error TS2353: Object literal may only specify known properties, and 'path' does not exist in type/);
  });

  it('refuses an x-client-filled mark that is not a boolean, naming the parameter', () => {
    const spec = markClientFilled(fixture, ['id']);
    for (const parameter of parametersOf(spec)) if (parameter['x-client-filled']) parameter['x-client-filled'] = 'yes';
    expect(() => generateOperationModule(spec, { apiName: 'widgets', typesModule: './types.js' })).toThrow(
      /parameter id has x-client-filled: "yes"; it must be true or false/,
    );
  });

  it.each([
    ['no links array: the iterator pages by offset alone', {}, undefined],
    ['an array of { rel, href } items: the iterator follows its rel next', { links: linkArray }, '"pageLinks": "links"'],
    ['an array of other items is not a links array', { tags: { type: 'array', items: { type: 'string' } } }, undefined],
  ])('names the listing links field from the contract: %s', (_, extra, expected) => {
    const source = generateOperationModule(withListProperties(fixture, extra), { apiName: 'widgets', typesModule: './types.js' });
    const listing = source.split('\n').find((line: string) => line.includes('"listWidgets"'));
    if (expected) expect(listing).toContain(expected);
    else expect(listing).not.toContain('pageLinks');
  });

  it('refuses a listing with two links arrays, naming the operation', () => {
    const spec = withListProperties(fixture, { links: linkArray, more_links: linkArray });
    expect(() => generateOperationModule(spec, { apiName: 'widgets', typesModule: './types.js' })).toThrow(
      'listWidgets has 2 arrays of { rel, href } links in its 200 body; the page iterator follows one',
    );
  });

  it('adds a callable method for a new operation with no client code', async () => {
    const dir = newScratch();
    await generateInto(dir, withDeleteWidget(fixture));
    const { widgetsOperations } = await import(pathToFileURL(join(dir, 'operations.ts')).href);
    const { createApiClient } = await import('../../src/core/create-api-client.js');
    const adapter = plainAdapter(server.baseUrl);
    const client = createApiClient(widgetsOperations, { timeoutMs: 5_000, retry: false }, adapter) as Record<
      string,
      (input: unknown) => Promise<{ error?: unknown }>
    > & { pages: object };

    expect(
      Object.keys(client)
        .filter((key) => key !== 'pages' && key !== 'raw')
        .sort(),
    ).toEqual(['deleteWidget', 'getWidget', 'listWidgets']);
    expect(Object.keys(client.pages)).toEqual(['listWidgets']);
    server.reply({ status: 200 });
    const { error } = await client.deleteWidget!({ path: { id: 'w 1' } });
    expect(error).toBeUndefined();
    expect(server.received.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['DELETE /widgets/w%201']);
  });
});
