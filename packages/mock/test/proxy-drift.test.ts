// Proxy mode in front of a stand-in that drifts from the contract on purpose: each kind of drift
// is reported once, with its pointer, while the caller still gets the stand-in's bytes; and
// hostile upstreams (a stall, a reset, a flood, a redirect, nobody there) end as typed findings
// and a clear answer in the API's shape, never a crash or a hang of the proxy.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledContractPath } from '../src/contracts.ts';
import { follow, nodeAt } from '../src/contract-index.js';
import { contractForDrift } from '../src/proxy/proxy-api.ts';
import { projectId } from './support/clients.ts';
import { type ProxyFront, startProxy } from './support/proxies.ts';
import { sendRaw } from './support/raw-http.ts';
import { type Canned, cannedStandIn, documentedExampleOf, type StandIn, serve } from './support/stand-ins.ts';

const shares = `/v2/${projectId}/os-vendor-backup-sharing`;
const huaweiAuth = { type: 'token', token: 'stand-in-token' };
const alibabaAuth = { type: 'acs3', accessKeyId: 'LTAIstandin', accessKeySecret: 'stand-in-secret' };

/** A field of a successful statistics answer the stand-in renames: a required one if the contract requires any. */
const { doc: alibabaDoc } = contractForDrift(bundledContractPath('alibaba-hbr'));
const statisticsSchema = follow(alibabaDoc, nodeAt(alibabaDoc, '/components/schemas/BasicStatistics'), '').node as {
  required?: string[];
  properties: Record<string, unknown>;
};
const renamed = statisticsSchema.required?.[0] ?? Object.keys(statisticsSchema.properties)[0]!;

const listed = documentedExampleOf('huawei-vbs', 'listBackupShareDetails', 200);
const statistics = documentedExampleOf('alibaba-hbr', 'getBasicStatistics', 200);
const throttled = documentedExampleOf('alibaba-hbr', 'getBasicStatistics', 429);

/** Each drift the stand-in shows, the request that meets it, and what the report must say. */
const drifts: {
  name: string;
  api: 'huawei-vbs' | 'alibaba-hbr';
  method: string;
  path: string;
  answer: Canned;
  expected: { kind: string; pointer: string }[];
}[] = [
  {
    name: 'a field the contract does not list, in every item',
    api: 'huawei-vbs',
    method: 'GET',
    path: `${shares}/detail`,
    answer: { status: 200, body: JSON.stringify({ ...listed, shared: listed.shared.map((share: object) => ({ ...share, replica_zone: 'az-2' })) }) },
    expected: [{ kind: 'undocumented-field', pointer: '/shared/0/replica_zone' }],
  },
  {
    name: 'a changed type',
    api: 'huawei-vbs',
    method: 'GET',
    path: `${shares}/count`,
    answer: { status: 200, body: '{"count":"2"}' },
    expected: [{ kind: 'wrong-type', pointer: '/count' }],
  },
  {
    name: 'an undocumented status',
    api: 'huawei-vbs',
    method: 'GET',
    path: `${shares}/6a0d1c33-5b8e-4a56-a1f3-b32c0d9a7e15`,
    answer: { status: 418, body: '{"teapot":true}' },
    expected: [{ kind: 'undocumented-status', pointer: '' }],
  },
  {
    name: 'a renamed field',
    api: 'alibaba-hbr',
    method: 'GET',
    path: '/',
    answer: {
      status: 200,
      body: JSON.stringify(Object.fromEntries(Object.entries(statistics).map(([key, value]) => [key === renamed ? `${renamed}X` : key, value]))),
    },
    expected: [
      { kind: 'undocumented-field', pointer: `/${renamed}X` },
      ...(statisticsSchema.required?.includes(renamed) ? [{ kind: 'missing-field', pointer: `/${renamed}` }] : []),
    ],
  },
  {
    name: 'a throttling error not in the documented error shape',
    api: 'alibaba-hbr',
    method: 'POST',
    path: '/',
    answer: { status: 429, body: JSON.stringify({ code: throttled.Code, message: throttled.Message, requestId: throttled.RequestId }) },
    expected: [
      { kind: 'undocumented-field', pointer: '/code' },
      { kind: 'error-shape', pointer: '/Code' },
    ],
  },
];

describe('a drifting stand-in', () => {
  let standIns: Record<string, StandIn>;
  let proxies: Record<string, ProxyFront>;
  const reportFile = join(mkdtempSync(join(tmpdir(), 'drift-report-')), 'drift.json');
  beforeAll(async () => {
    const answers = (api: string) =>
      Object.fromEntries(drifts.filter((drift) => drift.api === api).map((drift) => [`${drift.method} ${drift.path}`, drift.answer]));
    standIns = { 'huawei-vbs': await cannedStandIn(answers('huawei-vbs')), 'alibaba-hbr': await cannedStandIn(answers('alibaba-hbr')) };
    proxies = {
      'huawei-vbs': await startProxy({ api: 'huawei-vbs', upstream: standIns['huawei-vbs']!.url, auth: huaweiAuth, report: reportFile }),
      'alibaba-hbr': await startProxy({ api: 'alibaba-hbr', upstream: standIns['alibaba-hbr']!.url, auth: alibabaAuth }),
    };
  });
  afterAll(async () => {
    await Promise.all(Object.values(proxies ?? {}).map((proxy) => proxy.close()));
    await Promise.all(Object.values(standIns ?? {}).map((standIn) => standIn.close()));
  });

  it.each(drifts)('$name is reported with its pointer, and the caller gets the upstream bytes', async ({ api, method, path, answer, expected }) => {
    const proxy = proxies[api]!;
    const query = api === 'alibaba-hbr' ? '?SourceType=ECS_FILE&Action=GetBasicStatistics&Version=2017-09-08' : '';
    for (let round = 0; round < 2; round++) {
      const seen = await sendRaw({ method, url: `${proxy.url}${path}${query}`, headers: { 'x-auth-token': 'caller' } });
      expect(seen.status).toBe(answer.status);
      expect(seen.body).toBe(answer.body);
      expect(seen.headers['x-stand-in']).toBe('yes');
    }
    for (const { kind, pointer } of expected) {
      // reported once, however often it is seen
      expect(proxy.findings.filter((finding) => finding.kind === kind && finding.pointer === pointer)).toHaveLength(1);
      expect(proxy.lines.filter((line) => line.includes(` ${kind} ${pointer || '(body)'}:`))).toHaveLength(1);
    }
  });

  it('writes the findings to the JSON report, values cut short and no credential in it', () => {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(['api', 'contract', 'kind', 'operation', 'pointer', 'seen', 'status']);
      expect(finding.seen.length).toBeLessThanOrEqual(61);
    }
    const text = readFileSync(reportFile, 'utf8');
    for (const secret of ['stand-in-token', 'caller']) expect(text).not.toContain(secret);
  });
});

/** The shape of the contract's error example for `status`, whatever its values. */
const expected = (status: number) => {
  const example = documentedExampleOf('huawei-vbs', 'countBackupShares', status);
  const shape = (value: unknown): unknown =>
    typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shape(item)]))
      : expect.any({ string: String, number: Number, boolean: Boolean }[typeof value as string] ?? Object);
  return shape(example);
};

describe('a hostile upstream', () => {
  const hostile: { name: string; kind: string; status: number; upstream: () => Promise<StandIn> }[] = [
    { name: 'that never answers', kind: 'upstream-timeout', status: 504, upstream: () => serve(() => undefined) },
    {
      name: 'that resets the connection in the middle of its answer',
      kind: 'upstream-reset',
      status: 502,
      upstream: () =>
        serve((_, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
          res.write('{"count":');
          setImmediate(() => res.socket?.destroy());
        }),
    },
    {
      name: 'that sends a huge body',
      kind: 'upstream-too-large',
      status: 502,
      upstream: () =>
        serve((_, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(64 * 1024, 0x20);
          const pump = () => {
            while (res.write(chunk)) if (res.destroyed) return;
            res.once('drain', pump);
          };
          res.on('close', () => res.removeAllListeners('drain'));
          pump();
        }),
    },
    {
      name: 'that redirects elsewhere',
      kind: 'upstream-redirect',
      status: 502,
      upstream: () => serve((_, res) => res.writeHead(302, { location: 'https://elsewhere.example/v2/x?Signature=leak' }).end()),
    },
    {
      name: 'that is not there',
      kind: 'upstream-unreachable',
      status: 502,
      upstream: async () => {
        const gone = await serve(() => undefined);
        await gone.close();
        return gone;
      },
    },
  ];

  it.each(hostile)('$name gets the caller a $status in the API shape and a $kind finding', async ({ kind, status, upstream }) => {
    const standIn = await upstream();
    const proxy = await startProxy({ api: 'huawei-vbs', upstream: standIn.url, auth: huaweiAuth, timeoutMs: 500, maxAnswerBytes: 1024 * 1024 });
    try {
      const answer = await sendRaw({ method: 'GET', url: `${proxy.url}${shares}/count`, headers: {} }, 10_000);
      expect(answer.status).toBe(status);
      // the API's error shape for that status, as the contract documents it, saying what happened
      expect(JSON.parse(answer.body)).toEqual(expected(status));
      expect(answer.body).toContain('no usable answer from the upstream');
      expect(proxy.findings).toEqual([expect.objectContaining({ kind, operation: 'countBackupShares', pointer: '' })]);
      expect(proxy.lines.join('\n')).not.toContain('Signature=leak');
      // and the proxy still answers the next request the same way
      expect((await sendRaw({ method: 'GET', url: `${proxy.url}${shares}/count`, headers: {} }, 10_000)).status).toBe(status);
      expect(proxy.findings).toHaveLength(1);
    } finally {
      await proxy.close();
      await standIn.close();
    }
  });
});

describe('a compressed answer that unpacks past the answer cap', () => {
  const maxAnswerBytes = 1024 * 1024;
  /** A JSON array of 8 MiB that packs to a few KB in each encoding. */
  const unpacked = Buffer.from(`[${'0,'.repeat(4 * 1024 * 1024 - 1)}0]`);
  const encodings: [name: string, pack: (body: Buffer) => Buffer][] = [
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ];

  it.each(encodings)('in %s is relayed as sent and reported upstream-too-large, never unpacked whole', async (encoding, pack) => {
    const packed = pack(unpacked);
    expect(packed.length).toBeLessThan(maxAnswerBytes);
    const standIn = await serve((_, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding }).end(packed));
    const proxy = await startProxy({ api: 'huawei-vbs', upstream: standIn.url, auth: huaweiAuth, maxAnswerBytes });
    try {
      const answer = await sendRaw({ method: 'GET', url: `${proxy.url}${shares}/count`, headers: {} }, 10_000);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe(encoding);
      expect(answer.headers['content-length']).toBe(String(packed.length));
      expect(proxy.findings).toEqual([
        expect.objectContaining({ kind: 'upstream-too-large', operation: 'countBackupShares', pointer: '', seen: expect.stringContaining(encoding) }),
      ]);
    } finally {
      await proxy.close();
      await standIn.close();
    }
  });
});

describe('an upstream timeout past the longest a timer holds', () => {
  it('waits for the upstream rather than giving up at once', async () => {
    // answers on the next turns of the event loop: a timer that fires at once is there first
    const standIn = await serve((_, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"count":1}'), 50));
    const proxy = await startProxy({ api: 'huawei-vbs', upstream: standIn.url, auth: huaweiAuth, timeoutMs: 2 ** 31 });
    try {
      const answer = await sendRaw({ method: 'GET', url: `${proxy.url}${shares}/count`, headers: {} }, 10_000);
      expect(answer.status).toBe(200);
      expect(answer.body).toBe('{"count":1}');
      expect(proxy.findings).toEqual([]);
    } finally {
      await proxy.close();
      await standIn.close();
    }
  });
});
