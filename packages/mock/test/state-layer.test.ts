// The state layer (src/state/layer.ts) with a model written here, in front of the suite's real
// Prism: what a model is handed for each request, how each kind of answer is written, which
// of Prism's headers survive, and that a failing model is a 500, not a dead mock.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bundledContractIndex } from '../src/contracts.ts';
import { type Front, startFront } from '../src/front/front.ts';
import { StateLayer } from '../src/state/layer.ts';
import type { ModelAnswer, ModelRequest } from '../src/state/model.ts';
import { sendRaw } from './support/raw-http.ts';

const contract = bundledContractIndex('huawei-vbs');
const shares = '/v2/0605767c3f00d5762fa8c0147ee18d02/os-vendor-backup-sharing';
const token = { 'x-auth-token': 'layer-token' };

/** What the model answers next, and every request it was handed. */
let next: () => ModelAnswer = () => ({ status: 200, body: { count: 7 } });
const seen: ModelRequest[] = [];
let resets = 0;
const layer = new StateLayer(contract, {
  operationIds: new Set(['countBackupShares', 'cancelBackupShare', 'createBackupShares']),
  answer: (request) => {
    seen.push(request);
    return next();
  },
  reset: () => {
    resets++;
  },
});

let front: Front;
let url: string;
beforeAll(async () => {
  const upstreamPort = Number(new URL(inject('contractMock').upstreamUrls['huawei-vbs']).port);
  front = await startFront({ contract, host: '127.0.0.1', port: 0, upstreamPort, state: layer });
  url = `http://127.0.0.1:${front.port}`;
});
afterAll(() => front.close());

/** Sends with the suite's token; a header given as '-' is left out. */
const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
  sendRaw({ method, url: `${url}${path}`, headers: Object.fromEntries(Object.entries({ ...token, ...headers }).filter(([, value]) => value !== '-')), body });

describe('what a model is handed', () => {
  it('the operation, its decoded path parameters, the query, the JSON body and the URL the caller used', async () => {
    seen.length = 0;
    next = () => ({ status: 200 });
    const body = JSON.stringify({ shared: { backup_id: 'cccccccc-3333-4333-8333-333333333333', to_project_ids: ['1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a'] } });
    await send('POST', `${shares}?x=1&x=2`, { 'content-type': 'application/json', host: 'mock.example:8443' }, body);
    const cancel = await send('DELETE', `${shares}/a%20b?is_backup_id=true`, { host: 'bad host' });
    expect(cancel.status).toBe(200);
    expect(seen.map(({ operationId, params, query, body, url }) => ({ operationId, params, query: [...query], body, url: url.href }))).toEqual([
      {
        operationId: 'createBackupShares',
        params: { project_id: '0605767c3f00d5762fa8c0147ee18d02' },
        query: [
          ['x', '1'],
          ['x', '2'],
        ],
        body: { shared: { backup_id: 'cccccccc-3333-4333-8333-333333333333', to_project_ids: ['1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a'] } },
        url: `http://mock.example:8443${shares}?x=1&x=2`,
      },
      {
        operationId: 'cancelBackupShare',
        params: { project_id: '0605767c3f00d5762fa8c0147ee18d02', shared_id: 'a b' },
        query: [['is_backup_id', 'true']],
        body: undefined,
        // a Host header no URL can hold: the address the request reached
        url: `${url}${shares}/a%20b?is_backup_id=true`,
      },
    ]);
  });

  it('no body is handed as undefined', async () => {
    seen.length = 0;
    next = () => ({ status: 200 });
    await send('DELETE', `${shares}/some-id`);
    expect(seen.map((request) => request.body)).toEqual([undefined]);
  });
});

describe('how its answers are written', () => {
  it.each<[string, ModelAnswer, number, string, Record<string, string | undefined>]>([
    ['a JSON body', { status: 200, body: { count: 7 } }, 200, '{"count":7}', { 'content-type': 'application/json', 'content-length': '11' }],
    ['no body', { status: 200 }, 200, '', { 'content-type': undefined, 'content-length': '0' }],
    ['a 204, without content-length', { status: 204 }, 204, '', { 'content-type': undefined, 'content-length': undefined }],
    [
      'a refusal, in the documented shape of its status',
      { status: 404, refusal: 'no such share' },
      404,
      '{"itemNotFound":{"message":"no such share","code":404}}',
      { 'content-type': 'application/json' },
    ],
  ])('%s', async (_what, answer, status, body, headers) => {
    next = () => answer;
    const response = await send('GET', `${shares}/count`);
    expect([response.status, response.body]).toEqual([status, body]);
    for (const [name, value] of Object.entries(headers)) expect(response.headers[name], name).toBe(value);
    // Prism's headers that describe its own body are gone; the others (CORS) are kept
    expect(response.headers['access-control-allow-origin']).toBe('*');
    expect(response.headers['sl-violations']).toBeUndefined();
  });

  it('a model that throws is a 500 in the documented shape, and the mock answers on', async () => {
    next = () => {
      throw new Error('boom');
    };
    const failed = await send('GET', `${shares}/count`);
    expect([failed.status, JSON.parse(failed.body)]).toEqual([
      500,
      { error: { message: 'the state model failed on countBackupShares: boom', code: 'common.0011' } },
    ]);
    next = () => ({ status: 200, body: { count: 1 } });
    expect((await send('GET', `${shares}/count`)).body).toBe('{"count":1}');
  });
});

describe('what is left to Prism', () => {
  it.each<[string, string, Record<string, string>]>([
    ['a request Prism refuses (400)', `${shares}/count?share_to_me=maybe`, {}],
    ['an operation the model does not answer', `${shares}/detail`, {}],
    ['a request for a canned answer (Prefer: code=)', `${shares}/count`, { prefer: 'code=200' }],
    ['a request for a canned example (Prefer: example=)', `${shares}/count`, { prefer: 'foo=1; example=x' }],
    ['a request without credentials, refused by Prism (401)', `${shares}/count`, { 'x-auth-token': '-' }],
  ])('%s never reaches the model', async (_what, path, headers) => {
    seen.length = 0;
    next = () => ({ status: 200, body: { count: 99 } });
    const response = await send('GET', path, headers);
    expect(response.body).not.toBe('{"count":99}');
    expect(seen).toEqual([]);
  });

  it('the reset route resets the model; no other path does', async () => {
    const before = resets;
    expect((await send('POST', '/__mock/reset')).status).toBe(204);
    expect((await send('POST', '/__mock/reset/')).status).not.toBe(204);
    expect(resets).toBe(before + 1);
  });
});

describe('which upstream answers the model replaces', () => {
  // a real HTTP server in Prism's place, to give answers the suite's Prism never gives
  let answer = { status: 200, violations: false };
  const upstream = createServer((_req, res) => {
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      ...(answer.violations ? { 'sl-violations': '[{"message":"from upstream"}]' } : {}),
    });
    res.end('{"from":"upstream"}');
  });
  let standIn: Front;
  beforeAll(async () => {
    await new Promise<void>((listening) => upstream.listen(0, '127.0.0.1', listening));
    standIn = await startFront({ contract, host: '127.0.0.1', port: 0, upstreamPort: (upstream.address() as AddressInfo).port, state: layer });
  });
  afterAll(async () => {
    await standIn.close();
    upstream.closeAllConnections();
    await new Promise((closed) => upstream.close(closed));
  });

  it.each<[number, boolean, 'model' | 'upstream']>([
    [200, false, 'model'],
    [201, false, 'model'],
    [299, false, 'model'],
    [200, true, 'upstream'],
    [299, true, 'upstream'],
    [300, false, 'upstream'],
    [304, false, 'upstream'],
    [404, false, 'upstream'],
  ])('a %i answer, with violations %s: the %s answers', async (status, violations, expected) => {
    answer = { status, violations };
    next = () => ({ status: 200, body: { count: 5 } });
    const response = await sendRaw({ method: 'GET', url: `http://127.0.0.1:${standIn.port}${shares}/count`, headers: token });
    expect(response.body === '{"count":5}' ? 'model' : 'upstream').toBe(expected);
  });
});
