// Input rules the real contracts never reach, on a small hand-written operation table: a header
// the contract declares (both vendors' contracts leave every header to the client) is held to the
// same value rule as an extra header (sent exactly as given), and a path value of "." or ".." is refused because URL parsing would
// drop it and send the call to another path.
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/core/create-api-client.js';
import { ClientInputError } from '../../src/core/errors.js';
import type { OperationTable } from '../../src/core/operation-table.js';
import { useScriptedServer } from '../behaviour/helpers.js';
import { plainAdapter } from '../support/plain-adapter.js';

const server = useScriptedServer();

const table = {
  getWidget: {
    method: 'GET',
    path: '/widgets/{id}',
    input: {
      type: 'object',
      additionalProperties: false,
      properties: {
        path: { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1 } } },
        query: { type: 'object', properties: {} },
        headers: { type: 'object', properties: { 'X-Trace': { type: 'string' } } },
      },
    },
  },
  // an input schema that names no parameters at all, or no headers
  ping: { method: 'GET', path: '/ping', input: { type: 'object' } },
  pong: { method: 'GET', path: '/pong', input: { type: 'object', properties: {} } },
} as const satisfies OperationTable;

type Call = (input: unknown) => Promise<{ data?: unknown; error?: unknown }>;

function widgets(): { getWidget: Call; ping: Call; pong: Call } {
  return createApiClient(table, { retry: false }, plainAdapter(server.baseUrl)) as unknown as { getWidget: Call; ping: Call; pong: Call };
}

describe('a header the contract declares', () => {
  it.each([
    ['a character beyond Latin-1', 'trace-\u4e2d'],
    ['Latin-1 beyond ASCII', 'caf\u00e9'],
    ['a line feed', 'a\nb'],
    ['DEL', 'a\x7fb'],
    ['NUL', 'a\0b'],
    ['a leading space, which fetch would drop', ' a'],
    ['nothing', ''],
  ])('holding %s is refused, naming the header, before anything is sent', async (_, value) => {
    const refused = await widgets()
      .getWidget({ path: { id: 'w1' }, headers: { 'X-Trace': value } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ClientInputError);
    expect(refused).toMatchObject({ field: 'headers.X-Trace', message: 'headers.X-Trace must be visible ASCII text' });
    expect(server.received).toHaveLength(0);
  });

  it('holding something other than a string is refused by its schema, naming the header', async () => {
    const refused = await widgets()
      .getWidget({ path: { id: 'w1' }, headers: { 'X-Trace': ['a\nb'] } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'ClientInputError', field: 'headers.X-Trace', message: 'headers.X-Trace must be string, got array' });
  });

  it.each(['a\tb c~', '!#%&*+-.^_`|~09AZaz'])('holding %j is sent as given', async (value) => {
    server.reply({ status: 200, body: { id: 'w1' } });
    const { error } = await widgets().getWidget({ path: { id: 'w1' }, headers: { 'X-Trace': value } });
    expect(error).toBeUndefined();
    expect(server.received[0]?.headers['x-trace']).toBe(value);
  });
});

describe('an operation whose contract names no headers', () => {
  it.each(['ping', 'pong'] as const)('%s sends an extra header as given', async (operation) => {
    server.reply({ status: 200, body: {} });
    const { error } = await widgets()[operation]({ headers: { 'X-Extra': '1' } });
    expect(error).toBeUndefined();
    expect(server.received[0]?.headers['x-extra']).toBe('1');
  });
});

describe('a path value', () => {
  it.each(['.', '..'])('%j is refused, naming the parameter, before anything is sent', async (id) => {
    const refused = await widgets()
      .getWidget({ path: { id } })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ name: 'ClientInputError', field: 'path.id', message: 'path.id must not be "." or ".."' });
    expect(server.received).toHaveLength(0);
  });

  it.each([
    ['...', '/widgets/...'],
    ['.a', '/widgets/.a'],
    ['a/b', '/widgets/a%2Fb'],
  ])('%j is sent in its segment', async (id, path) => {
    server.reply({ status: 200, body: { id } });
    const { error } = await widgets().getWidget({ path: { id } });
    expect(error).toBeUndefined();
    expect(server.received[0]?.url.pathname).toBe(path);
  });
});
