// The relay against a recording upstream: what it forwards must pass the same verifiers the
// mock's --verify-signatures runs, and the upstream's answer must come back as it was sent.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAlibabaHbrVerifier } from '@cloud-backup-contracts/client/alibaba-hbr';
import { createHuaweiVbsVerifier } from '@cloud-backup-contracts/client/huawei-vbs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RelayKey, type SigningRelay, startSigningRelay } from '../src/signing-relay.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const alibaba = { accessKeyId: 'LTAIrelaytest', accessKeySecret: randomBytes(15).toString('hex') };
const huawei = { accessKeyId: 'HWRELAYTEST', secretAccessKey: randomBytes(20).toString('hex') };

let upstream: Server;
let upstreamUrl: string;
const received: Received[] = [];
let relay: SigningRelay | undefined;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body });
      response.writeHead(207, { 'content-type': 'application/json', 'x-upstream': 'recorded' }).end('{"answered":true}');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await relay?.close();
  relay = undefined;
  received.length = 0;
});

afterAll(() => new Promise<void>((resolve) => upstream.close(() => resolve())));

async function through(key: RelayKey, path: string, init: RequestInit = {}): Promise<{ response: Response; forwarded: Received }> {
  relay ??= await startSigningRelay({ ...key, target: upstreamUrl });
  const response = await fetch(`${relay.url}${path}`, init);
  return { response, forwarded: received.at(-1)! };
}

describe('alibaba-hbr', () => {
  const key: RelayKey = { api: 'alibaba-hbr', credentials: alibaba };

  it('signs a request with Action in the query with RPC V2, which the verifier accepts', async () => {
    const { forwarded } = await through(key, '/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE');
    expect(forwarded.url).toMatch(/^\/\?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE&.*&Signature=/);
    expect(forwarded.headers.authorization).toBeUndefined();
    expect(await createAlibabaHbrVerifier({ aksk: [alibaba] }).verify(forwarded)).toBeUndefined();
  });

  it('signs a request with x-acs-action and x-acs-version headers with ACS3, which the verifier accepts', async () => {
    const headers = { 'x-acs-action': 'GetBasicStatistics', 'x-acs-version': '2017-09-08' };
    const { forwarded } = await through(key, '/?SourceType=ECS_FILE', { method: 'POST', headers });
    expect(forwarded.url).toBe('/?SourceType=ECS_FILE');
    expect(forwarded.headers.authorization).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAIrelaytest,SignedHeaders=host;/);
    expect(forwarded.headers.host).toBe(new URL(upstreamUrl).host);
    expect(await createAlibabaHbrVerifier({ aksk: [alibaba] }).verify(forwarded)).toBeUndefined();
  });

  it('gives each request a fresh nonce, so the same request twice passes one verifier twice', async () => {
    const verifier = createAlibabaHbrVerifier({ aksk: [alibaba] });
    const headers = { 'x-acs-action': 'GetBasicStatistics', 'x-acs-version': '2017-09-08' };
    for (const _ of [1, 2]) {
      const { forwarded } = await through(key, '/?SourceType=ECS_FILE', { method: 'POST', headers });
      expect(await verifier.verify(forwarded)).toBeUndefined();
    }
  });

  it('forwards what a verifier with another secret refuses (the check above can fail)', async () => {
    const { forwarded } = await through(key, '/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE');
    const other = createAlibabaHbrVerifier({ aksk: [{ ...alibaba, accessKeySecret: 'another secret' }] });
    expect((await other.verify(forwarded))?.reason).toMatch(/^SignatureDoesNotMatch/);
  });

  it('answers 400 itself, naming the relay and not the secret, for a request it cannot sign', async () => {
    const { response } = await through(key, '/?SourceType=ECS_FILE');
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(JSON.parse(text)).toEqual({ signingRelay: expect.stringMatching(/^cannot sign the request: action must be/) });
    expect(text).not.toContain(alibaba.accessKeySecret);
    expect(received).toEqual([]);
  });
});

describe('huawei-vbs', () => {
  const key: RelayKey = { api: 'huawei-vbs', credentials: huawei };
  const path = '/v2/c13f5220dc1949b0b741ea81a7cd5554/os-vendor-backup-sharing';

  it('signs a request without a token with SDK-HMAC-SHA256, body included, which the verifier accepts', async () => {
    const body = JSON.stringify({ shared: { backup_id: '066b1e37-9305-4057-97e5-2e99b21fc71d', to_project_ids: ['0605767c3f00d5762fa8c0147ee18d02'] } });
    const { forwarded } = await through(key, path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(forwarded.body).toBe(body);
    expect(forwarded.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=HWRELAYTEST, SignedHeaders=/);
    expect(await createHuaweiVbsVerifier({ aksk: [huawei] }).verify(forwarded)).toBeUndefined();
    expect((await createHuaweiVbsVerifier({ aksk: [{ ...huawei, secretAccessKey: 'another' }] }).verify(forwarded))?.status).toBe(401);
  });

  it('passes a request with an X-Auth-Token through unsigned', async () => {
    const { forwarded } = await through(key, `${path}/count?backup_id=b1`, { headers: { 'X-Auth-Token': 'the-token' } });
    expect(forwarded.url).toBe(`${path}/count?backup_id=b1`);
    expect(forwarded.headers['x-auth-token']).toBe('the-token');
    expect(forwarded.headers.authorization).toBeUndefined();
    expect(forwarded.headers['x-sdk-date']).toBeUndefined();
    expect(await createHuaweiVbsVerifier({ tokens: ['the-token'] }).verify(forwarded)).toBeUndefined();
  });
});

describe('the answer', () => {
  it("comes back with the upstream's status, headers and body", async () => {
    const { response } = await through({ api: 'huawei-vbs', credentials: huawei }, '/v2/p/os-vendor-backup-sharing/count');
    expect(response.status).toBe(207);
    expect(response.headers.get('x-upstream')).toBe('recorded');
    expect(await response.json()).toEqual({ answered: true });
  });

  it('is a 502 naming the relay when nothing answers at the target', async () => {
    // port 9 (discard): the OS never hands it out, so no server another test starts can answer there
    const target = 'http://127.0.0.1:9';
    relay = await startSigningRelay({ api: 'huawei-vbs', credentials: huawei, target });
    const response = await fetch(`${relay.url}/v2/p/os-vendor-backup-sharing/count`);
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ signingRelay: expect.stringContaining(`the mock at ${target} did not answer`) });
  });
});
