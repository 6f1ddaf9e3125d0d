// Checks the bundled contract against the tables of the vendor page for
// Cloud Backup (HBR) GetBasicStatistics (Alibaba Cloud API reference, version 2017-09-08).
import { readFileSync } from 'node:fs';
import { resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';
import { describe, expect, it } from 'vitest';

type Node = Record<string, any>;

const spec: Node = JSON.parse(readFileSync(new URL('../dist/openapi.json', import.meta.url), 'utf8'));

/** Follows internal `$ref`s (`#/...`) until a node without one is reached. */
const resolve = (node: Node): Node => resolveRef<Node>(spec, node);

const root = resolve(spec.paths['/']);
const operation = (method: 'get' | 'post'): Node => resolve(root[method]);

/** Parameters of an operation, path-level ones included, keyed by `in:name`. */
function parametersOf(method: 'get' | 'post'): Map<string, Node> {
  const all = [...(root.parameters ?? []), ...(operation(method).parameters ?? [])].map((p: Node) => resolve(p));
  return new Map(all.map((p) => [`${p.in}:${p.name}`, p]));
}

function okContent(method: 'get' | 'post'): Node {
  return resolve(resolve(operation(method).responses['200']).content['application/json']);
}

/** Walks `A.B` / `A[].B` through properties and array items of the 200 schema. */
function responseSchemaAt(path: string): Node {
  let schema = resolve(okContent('get').schema);
  for (const segment of path.split('.')) {
    const isArrayItem = segment.endsWith('[]');
    const name = isArrayItem ? segment.slice(0, -2) : segment;
    schema = resolve(schema.properties?.[name]);
    expect(schema, `property ${name} of ${path}`).toBeDefined();
    if (isArrayItem) schema = resolve(schema.items);
  }
  return schema;
}

// ---- tables from the seed page, as data ----------------------------------

const requestParameterRows = [{ name: 'SourceType', in: 'query', type: 'string', required: true, enum: ['ECS_FILE'], example: 'ECS_FILE' }];

const responseElementRows: Array<{ element: string; type: string }> = [
  { element: 'RequestId', type: 'string' },
  { element: 'Code', type: 'string' },
  { element: 'Message', type: 'string' },
  { element: 'Success', type: 'boolean' },
  { element: 'RegionStatistics', type: 'array' },
  { element: 'RegionStatistics[].RegionId', type: 'string' },
  { element: 'RegionStatistics[].ProtectedDataSize', type: 'integer' },
  { element: 'RegionStatistics[].ProtectedResourceCount', type: 'integer' },
  { element: 'SourceType', type: 'string' },
  { element: 'GlobalStatistics', type: 'object' },
  { element: 'GlobalStatistics.ProtectedDataSize', type: 'integer' },
  { element: 'GlobalStatistics.ProtectedResourceCount', type: 'integer' },
];

const integerFormatRows = [
  { element: 'RegionStatistics[].ProtectedDataSize', format: 'int64' },
  { element: 'RegionStatistics[].ProtectedResourceCount', format: 'int32' },
  { element: 'GlobalStatistics.ProtectedDataSize', format: 'int64' },
  { element: 'GlobalStatistics.ProtectedResourceCount', format: 'int32' },
];

const seedSuccessExample = {
  RequestId: 'EB526A5D-1FE2-51C1-B790-1732C1DBA969',
  Code: '200',
  Message: 'successful',
  Success: true,
  RegionStatistics: [
    {
      RegionId: 'cn-shenzhen',
      ProtectedDataSize: 42949672960,
      ProtectedResourceCount: 5,
    },
  ],
  SourceType: 'ECS_FILE',
  GlobalStatistics: {
    ProtectedDataSize: 42949672960,
    ProtectedResourceCount: 5,
  },
};

const operationRows = [
  { method: 'get' as const, operationId: 'getBasicStatistics' },
  { method: 'post' as const, operationId: 'getBasicStatisticsViaPost' },
];

const actionVersionForms = [
  { in: 'query', name: 'Action', value: 'GetBasicStatistics' },
  { in: 'query', name: 'Version', value: '2017-09-08' },
  { in: 'header', name: 'x-acs-action', value: 'GetBasicStatistics' },
  { in: 'header', name: 'x-acs-version', value: '2017-09-08' },
];
const actionVersionRows = operationRows.flatMap(({ method }) => actionVersionForms.map((form) => ({ method, ...form })));

// ---- checks ---------------------------------------------------------------

let facts = 0;

describe('alibaba-hbr contract matches the GetBasicStatistics page', () => {
  it.each(requestParameterRows)('takes the $in parameter $name as a required $type limited to the documented values', (row) => {
    for (const { method } of operationRows) {
      const parameter = parametersOf(method).get(`${row.in}:${row.name}`);
      expect(parameter, `${method} ${row.in} ${row.name}`).toBeDefined();
      expect(parameter!.required).toBe(row.required);
      const schema = resolve(parameter!.schema);
      expect(schema.type).toBe(row.type);
      expect(schema.enum).toEqual(row.enum);
      expect(parameter!.example).toBe(row.example);
    }
    facts += 1;
  });

  it.each(responseElementRows)('returns response element $element typed as $type', ({ element, type }) => {
    expect(responseSchemaAt(element).type).toBe(type);
    facts += 1;
  });

  it.each(integerFormatRows)('declares $element as an integer of format $format', ({ element, format }) => {
    const schema = responseSchemaAt(element);
    expect(schema.type).toBe('integer');
    expect(schema.format).toBe(format);
    facts += 1;
  });

  it.each(operationRows)('uses the page success example as the 200 example of $method /', ({ method }) => {
    expect(okContent(method).example).toEqual(seedSuccessExample);
    facts += 1;
  });

  it.each(operationRows)('serves $method / as operation $operationId', ({ method, operationId }) => {
    expect(operation(method).operationId).toBe(operationId);
    facts += 1;
  });

  it.each(actionVersionRows)('accepts $name as an optional $in parameter fixed to $value on $method /', ({ method, in: location, name, value }) => {
    const parameter = parametersOf(method).get(`${location}:${name}`);
    expect(parameter, `${method} ${location} ${name}`).toBeDefined();
    expect(parameter!.required ?? false).toBe(false);
    expect(resolve(parameter!.schema).enum).toEqual([value]);
    facts += 1;
  });
});

// runs last: every row above checked its fact (a row that returned early, or a table that
// lost rows, shows here); 1 parameter + 12 response elements + 4 formats + 2 examples + 2 operations + 8 Action/Version forms
describe('the seed page', () => {
  it('had all of its 29 facts checked', () => {
    expect(facts).toBe(29);
  });
});
