// The Huawei verifier (the contract mock's gateway side) on requests signed by the client's
// signer: it accepts them unchanged at the server's time, and refuses each broken part with the
// gateway's 401 APIG.0301 and a reason that names the part, never a secret.
import { describe, expect, it } from 'vitest';
import { signHuaweiRequest } from '../../src/huawei-vbs/sdk-hmac-sha256.js';
import { createHuaweiVbsVerifier } from '../../src/huawei-vbs/verify.js';
import type { ReceivedRequest } from '../../src/signing/verify.js';
import { inputError } from '../support/input-error.js';
import { nodeCrypto } from './backends.js';

const secretAccessKey = 'SK-verifier-secret';
const token = 'IAM-TOKEN-secret';
const signedAt = Date.UTC(2026, 10, 28, 12, 0, 0);
// made in each test, not at import: a throw at import fails the file without failing a test
const newVerifier = () => createHuaweiVbsVerifier({ aksk: [{ accessKeyId: 'AK1', secretAccessKey }], tokens: [token] }, { now: () => signedAt });

/** A GET signed by the client's signer at `signedAt`, as the server receives it. */
async function signedRequest(): Promise<ReceivedRequest> {
  const url = 'https://vbs.example.com/v2/p1/backupshare/detail?limit=5&offset=0';
  const signature = await signHuaweiRequest(
    { method: 'GET', url, headers: { 'Content-Type': 'application/json' } },
    { accessKeyId: 'AK1', secretAccessKey },
    nodeCrypto,
    {
      date: new Date(signedAt),
    },
  );
  return {
    method: 'GET',
    url: '/v2/p1/backupshare/detail?limit=5&offset=0',
    headers: {
      host: 'vbs.example.com',
      'content-type': 'application/json',
      'x-sdk-date': signature.headers['X-Sdk-Date'],
      authorization: signature.headers.Authorization,
    },
    body: '',
  };
}

const withHeaders = (request: ReceivedRequest, headers: ReceivedRequest['headers']): ReceivedRequest => ({
  ...request,
  headers: Object.fromEntries(Object.entries({ ...request.headers, ...headers }).filter(([, value]) => value !== undefined)),
});
const authorization = (request: ReceivedRequest) => request.headers.authorization as string;

describe('the Huawei verifier', () => {
  it('accepts a request signed with a known key within the allowed skew', async () => {
    const request = await signedRequest();
    expect(request.headers['x-sdk-date']).toBe('20261128T120000Z');
    expect(await newVerifier().verify(request)).toBeUndefined();
  });

  it('accepts a known X-Auth-Token without any signature', async () => {
    expect(await newVerifier().verify({ method: 'GET', url: '/v2/p1/backupshare/detail', headers: { 'x-auth-token': token }, body: '' })).toBeUndefined();
  });

  it.each<[string, (request: ReceivedRequest) => ReceivedRequest, string]>([
    [
      'an unknown token',
      (r) => withHeaders(r, { 'x-auth-token': 'other-token', authorization: undefined }),
      'the X-Auth-Token is not one of the tokens this server accepts',
    ],
    [
      'neither a token nor an Authorization',
      (r) => withHeaders(r, { authorization: undefined }),
      'the request has neither an X-Auth-Token header nor an Authorization header signed with SDK-HMAC-SHA256',
    ],
    [
      'another scheme, named',
      (r) => withHeaders(r, { authorization: 'Bearer abc' }),
      'the Authorization header is not SDK-HMAC-SHA256 (it starts with "Bearer")',
    ],
    ['a scheme that is no word, not repeated', (r) => withHeaders(r, { authorization: 'se:cret abc' }), 'the Authorization header is not SDK-HMAC-SHA256'],
    ['no Access part', (r) => withHeaders(r, { authorization: authorization(r).replace('Access=AK1, ', '') }), 'the Authorization header has no Access= part'],
    [
      'no SignedHeaders part',
      (r) => withHeaders(r, { authorization: authorization(r).replace(/SignedHeaders=[^,]*, /, '') }),
      'the Authorization header has no SignedHeaders= part',
    ],
    [
      'an empty Signature',
      (r) => withHeaders(r, { authorization: authorization(r).replace(/Signature=\w+/, 'Signature=') }),
      'the Authorization header has no Signature= part',
    ],
    [
      'an unknown access key',
      (r) => withHeaders(r, { authorization: authorization(r).replace('Access=AK1', 'Access=AK2') }),
      'the access key AK2 is not known',
    ],
    [
      'host not signed',
      (r) => withHeaders(r, { authorization: authorization(r).replace('SignedHeaders=content-type;host;x-sdk-date', 'SignedHeaders=content-type;x-sdk-date') }),
      'SignedHeaders must include host, but it is content-type;x-sdk-date',
    ],
    [
      'x-sdk-date not signed',
      (r) => withHeaders(r, { authorization: authorization(r).replace('SignedHeaders=content-type;host;x-sdk-date', 'SignedHeaders=content-type;host') }),
      'SignedHeaders must include x-sdk-date, but it is content-type;host',
    ],
    ['a signed header missing from the request', (r) => withHeaders(r, { 'content-type': undefined }), 'the signed header content-type is not on the request'],
    [
      'a date in another form',
      (r) => withHeaders(r, { 'x-sdk-date': '2026-11-28T12:00:00Z' }),
      'X-Sdk-Date must have the form YYYYMMDDTHHMMSSZ, but it is 2026-11-28T12:00:00Z',
    ],
    ...['x20261128T120000Z', '20261128T120000Zx'].map((sdkDate): [string, (r: ReceivedRequest) => ReceivedRequest, string] => [
      `a date with more around it (${sdkDate})`,
      (r) => withHeaders(r, { 'x-sdk-date': sdkDate }),
      `X-Sdk-Date must have the form YYYYMMDDTHHMMSSZ, but it is ${sdkDate}`,
    ]),
    ['the bare scheme', (r) => withHeaders(r, { authorization: 'SDK-HMAC-SHA256' }), 'the Authorization header has no Access= part'],
    [
      'a date 16 minutes late',
      (r) => withHeaders(r, { 'x-sdk-date': '20261128T114400Z' }),
      "X-Sdk-Date 20261128T114400Z is 16 min 0 s behind the server's clock (2026-11-28T12:00:00.000Z); at most 15 min 0 s is allowed",
    ],
  ])('refuses %s', async (_what, change, reason) => {
    const refusal = await newVerifier().verify(change(await signedRequest()));
    expect(refusal).toMatchObject({ status: 401, reason, body: { error_code: 'APIG.0301', error_msg: `Incorrect IAM authentication information: ${reason}` } });
    expect((refusal!.body as { request_id: string }).request_id).toMatch(/^[\da-f]{32}$/);
    expect(JSON.stringify(refusal)).not.toMatch(/secret/);
  });

  it('refuses a changed query, showing the canonical request it computed', async () => {
    const request = await signedRequest();
    const refusal = await newVerifier().verify({ ...request, url: '/v2/p1/backupshare/detail?limit=6&offset=0' });
    expect(refusal?.reason).toMatch(
      /^the signature does not match\. The server signed the headers content-type;host;x-sdk-date; its canonical request is "GET\\n\/v2\/p1\/backupshare\/detail\/\\nlimit=6&offset=0\\ncontent-type:application\/json\\nhost:vbs\.example\.com\\nx-sdk-date:20261128T120000Z\\n\\ncontent-type;host;x-sdk-date\\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" and its string to sign "SDK-HMAC-SHA256\\n20261128T120000Z\\n[\da-f]{64}"$/,
    );
  });

  it('accepts a date exactly 15 minutes early and refuses one a second more', async () => {
    const request = await signedRequest();
    const at = (now: number) => createHuaweiVbsVerifier({ aksk: [{ accessKeyId: 'AK1', secretAccessKey }] }, { now: () => now }).verify(request);
    expect(await at(signedAt + 15 * 60_000)).toBeUndefined();
    expect((await at(signedAt + 15 * 60_000 + 1_000))?.reason).toMatch(/^X-Sdk-Date 20261128T120000Z is 15 min 1 s behind/);
    expect(
      (await createHuaweiVbsVerifier({ aksk: [{ accessKeyId: 'AK1', secretAccessKey }] }, { now: () => signedAt + 60_000, maxSkewMs: 59_000 }).verify(request))
        ?.reason,
    ).toMatch(/at most 59 s is allowed$/);
  });

  it('names the credentials "credentials" unless told where they come from', () => {
    expect(() => createHuaweiVbsVerifier({ keys: [] } as never)).toThrow(inputError('credentials.keys is not a known field (known: aksk, tokens)'));
  });

  it.each<[string, unknown, string]>([
    ['a non-object section', [], 'credentials["huawei-vbs"] must be an object'],
    ['an unknown field', { keys: [] }, 'credentials["huawei-vbs"].keys is not a known field (known: aksk, tokens)'],
    [
      'an unknown key field',
      { aksk: [{ accessKeyId: 'AK', secretAccessKey: 'S', region: 'x' }] },
      'credentials["huawei-vbs"].aksk[0].region is not a known field (known: accessKeyId, secretAccessKey, securityToken)',
    ],
    [
      'an access key id with a space',
      { aksk: [{ accessKeyId: 'A K', secretAccessKey: 'S' }] },
      'credentials["huawei-vbs"].aksk[0].accessKeyId must only contain visible ASCII characters',
    ],
    ['an empty secret', { aksk: [{ accessKeyId: 'AK', secretAccessKey: '' }] }, 'credentials["huawei-vbs"].aksk[0].secretAccessKey must be a non-empty string'],
    ['an empty token', { tokens: [''] }, 'credentials["huawei-vbs"].tokens[0] must be a non-empty string'],
  ])('refuses credentials with %s, naming the field', (_what, credentials, message) => {
    expect(() => createHuaweiVbsVerifier(credentials as never, { where: 'credentials["huawei-vbs"]' })).toThrow(inputError(message));
  });
});

describe('the Huawei verifier with a temporary key', () => {
  const temporary = { accessKeyId: 'TEMPAK1', secretAccessKey: 'SK-temporary-secret', securityToken: 'temporary/token+1=' };
  const verifier = () => createHuaweiVbsVerifier({ aksk: [{ accessKeyId: 'AK1', secretAccessKey }, temporary] }, { now: () => signedAt });

  /** A GET signed at `signedAt` by `key`, `extra` headers set before signing. */
  async function signed(
    key: { accessKeyId: string; secretAccessKey: string; securityToken?: string },
    extra: Record<string, string> = {},
  ): Promise<ReceivedRequest> {
    const url = 'https://vbs.example.com/v2/p1/backupshare/detail';
    const { headers } = await signHuaweiRequest({ method: 'GET', url, headers: extra }, key, nodeCrypto, { date: new Date(signedAt) });
    const lower = Object.fromEntries(Object.entries({ ...extra, ...headers }).map(([name, value]) => [name.toLowerCase(), value]));
    return { method: 'GET', url: '/v2/p1/backupshare/detail', headers: { host: 'vbs.example.com', ...lower }, body: '' };
  }

  it('accepts its signed X-Security-Token', async () => {
    const request = await signed(temporary);
    expect(request.headers['x-security-token']).toBe(temporary.securityToken);
    expect(await verifier().verify(request)).toBeUndefined();
  });

  it.each<[string, () => Promise<ReceivedRequest>, string]>([
    [
      'no token',
      () => signed({ ...temporary, securityToken: undefined } as never),
      'TEMPAK1 is a temporary access key, so the request must carry its X-Security-Token',
    ],
    ['another token', () => signed({ ...temporary, securityToken: 'other-token' }), 'the X-Security-Token does not belong to the access key TEMPAK1'],
    [
      'its token sent but not signed',
      async () => withHeaders(await signed({ ...temporary, securityToken: undefined } as never), { 'x-security-token': temporary.securityToken }),
      'SignedHeaders must include x-security-token',
    ],
    [
      'a token with a plain key',
      () => signed({ accessKeyId: 'AK1', secretAccessKey, securityToken: 'any' }),
      'the request carries an X-Security-Token, but AK1 is not a temporary access key',
    ],
  ])('refuses %s with APIG.0301, never showing a token', async (_what, request, reason) => {
    const refusal = await verifier().verify(await request());
    expect(refusal).toMatchObject({ status: 401, reason, body: { error_code: 'APIG.0301' } });
    expect(JSON.stringify(refusal)).not.toContain(temporary.securityToken);
  });
});
