// One rule for credentials in the three places that read them: the typed clients' auth option,
// the exported signers and the verifiers (what the mock's credentials file goes through). A
// secret, key id or token is used exactly as given: surrounding whitespace is refused with a
// ClientInputError naming the field, never trimmed, and the value never appears in the error.
import { describe, expect, it } from 'vitest';
import { createAlibabaHbrClient, createAlibabaHbrVerifier, signAlibabaHbrAcs3Request, signAlibabaHbrRpcV2Request } from '../../src/alibaba-hbr/index.js';
import { alibabaAuthMiddleware } from '../../src/alibaba-hbr/auth.js';
import { ClientInputError } from '../../src/core/errors.js';
import { huaweiAuthMiddleware } from '../../src/huawei-vbs/auth.js';
import { createHuaweiVbsClient, createHuaweiVbsVerifier, signHuaweiVbsRequest } from '../../src/huawei-vbs/index.js';

const SECRET = 'Cr3dential-Rule-Secret-9d41';
// what String#trim removes: ASCII spaces, tabs and newlines, and Unicode spaces such as NBSP and BOM
const paddings = [
  ['a leading space', ` ${SECRET}`],
  ['a trailing space', `${SECRET} `],
  ['a leading tab', `\t${SECRET}`],
  ['a trailing newline', `${SECRET}\n`],
  ['a trailing CRLF', `${SECRET}\r\n`],
  ['a leading no-break space', `\u00a0${SECRET}`],
  ['a leading byte order mark', `\ufeff${SECRET}`],
] as const;

/** Where a credential is read: each place builds its input with `value` in its credential field. */
interface Place {
  name: string;
  field: string;
  /** throws (or rejects) when the credential is refused */
  use(value: string): unknown;
}

const huaweiRequest = { method: 'GET', url: 'https://vbs.example.com/v2/p/x' };
const alibabaRequest = { method: 'GET', url: 'https://hbr.example.com/' };
const alibabaOptions = { action: 'GetBasicStatistics', version: '2017-09-08' };

const places: Place[] = [
  {
    name: 'the Huawei client, auth.secretAccessKey',
    field: 'auth.secretAccessKey',
    use: (value) =>
      createHuaweiVbsClient({ baseUrl: 'https://vbs.example.com', projectId: 'p', auth: { type: 'aksk', accessKeyId: 'AK', secretAccessKey: value } }),
  },
  {
    name: 'the Huawei client, auth.accessKeyId',
    field: 'auth.accessKeyId',
    use: (value) =>
      createHuaweiVbsClient({ baseUrl: 'https://vbs.example.com', projectId: 'p', auth: { type: 'aksk', accessKeyId: value, secretAccessKey: 'SK' } }),
  },
  {
    name: 'the Huawei client, auth.token',
    field: 'auth.token',
    use: (value) => createHuaweiVbsClient({ baseUrl: 'https://vbs.example.com', projectId: 'p', auth: { type: 'token', token: value } }),
  },
  {
    name: 'the Alibaba client, auth.accessKeySecret',
    field: 'auth.accessKeySecret',
    use: (value) => createAlibabaHbrClient({ baseUrl: 'https://hbr.example.com', auth: { type: 'acs3', accessKeyId: 'AK', accessKeySecret: value } }),
  },
  {
    name: 'the Alibaba client, auth.securityToken',
    field: 'auth.securityToken',
    use: (value) =>
      createAlibabaHbrClient({ baseUrl: 'https://hbr.example.com', auth: { type: 'rpc-v2', accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: value } }),
  },
  {
    name: 'signHuaweiVbsRequest, secretAccessKey',
    field: 'secretAccessKey',
    use: (value) => signHuaweiVbsRequest(huaweiRequest, { accessKeyId: 'AK', secretAccessKey: value }),
  },
  {
    name: 'signHuaweiVbsRequest, accessKeyId',
    field: 'accessKeyId',
    use: (value) => signHuaweiVbsRequest(huaweiRequest, { accessKeyId: value, secretAccessKey: 'SK' }),
  },
  {
    name: 'signAlibabaHbrAcs3Request, accessKeySecret',
    field: 'accessKeySecret',
    use: (value) => signAlibabaHbrAcs3Request(alibabaRequest, { accessKeyId: 'AK', accessKeySecret: value }, alibabaOptions),
  },
  {
    name: 'signAlibabaHbrRpcV2Request, accessKeySecret',
    field: 'accessKeySecret',
    use: (value) => signAlibabaHbrRpcV2Request(alibabaRequest, { accessKeyId: 'AK', accessKeySecret: value }, alibabaOptions),
  },
  {
    name: 'signAlibabaHbrRpcV2Request, securityToken',
    field: 'securityToken',
    use: (value) => signAlibabaHbrRpcV2Request(alibabaRequest, { accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: value }, alibabaOptions),
  },
  {
    name: 'the Huawei verifier, a key secret',
    field: 'credentials.aksk[0].secretAccessKey',
    use: (value) => createHuaweiVbsVerifier({ aksk: [{ accessKeyId: 'AK', secretAccessKey: value }] }),
  },
  {
    name: 'the Huawei verifier, a token',
    field: 'credentials.tokens[1]',
    use: (value) => createHuaweiVbsVerifier({ tokens: ['IAM-TOKEN', value] }),
  },
  {
    name: 'the Alibaba verifier, a key secret',
    field: 'credentials.aksk[0].accessKeySecret',
    use: (value) => createAlibabaHbrVerifier({ aksk: [{ accessKeyId: 'AK', accessKeySecret: value }] }),
  },
  {
    name: 'the Alibaba verifier, an STS token',
    field: 'credentials.aksk[0].securityToken',
    use: (value) => createAlibabaHbrVerifier({ aksk: [{ accessKeyId: 'AK', accessKeySecret: 'SK', securityToken: value }] }),
  },
];

/** The error `use(value)` throws or rejects with. */
async function refusal(place: Place, value: string): Promise<unknown> {
  try {
    await place.use(value);
  } catch (error) {
    return error;
  }
  throw new Error(`${place.name} accepted the value`);
}

describe.each(places)('$name', (place) => {
  it.each(paddings)('refuses %s, naming the field and never the value', async (_what, value) => {
    const error = await refusal(place, value);
    expect(error).toEqual(new ClientInputError(place.field, 'must not start or end with whitespace'));
    expect(error).toBeInstanceOf(ClientInputError);
    expect(String((error as Error).stack)).not.toContain(SECRET);
  });

  it('refuses an empty string and a non-string alike', async () => {
    expect(await refusal(place, '')).toEqual(new ClientInputError(place.field, 'must be a non-empty string'));
    expect(await refusal(place, 42 as unknown as string)).toEqual(new ClientInputError(place.field, 'must be a non-empty string'));
  });

  it('accepts the value without padding', async () => {
    await expect(Promise.resolve().then(() => place.use(SECRET))).resolves.toBeDefined();
  });
});

describe('a secret is used exactly as given', () => {
  // (whitespace inside a secret is allowed: it is only ever at the ends that a copy adds it)
  const secret = 'in ner-secret';

  it('the Huawei client signs with it, and the verifier holding the same secret accepts the request', async () => {
    const request = new Request('https://vbs.example.com/v2/p/x?limit=1');
    const middleware = huaweiAuthMiddleware({ type: 'aksk', accessKeyId: 'AK', secretAccessKey: secret }, 'p');
    await (middleware.onRequest as (options: { request: Request }) => Promise<Request>)({ request });
    const verifier = createHuaweiVbsVerifier({ aksk: [{ accessKeyId: 'AK', secretAccessKey: secret }] });
    const received = { method: 'GET', url: '/v2/p/x?limit=1', headers: Object.fromEntries([...request.headers, ['host', 'vbs.example.com']]), body: '' };
    expect(await verifier.verify(received)).toBeUndefined();
    // a verifier holding the trimmed secret is another key
    const trimmed = createHuaweiVbsVerifier({ aksk: [{ accessKeyId: 'AK', secretAccessKey: secret.replace(' ', '') }] });
    expect(await trimmed.verify(received)).toMatchObject({ status: 401 });
  });

  it('the Alibaba client signs with it, and the verifier holding the same secret accepts the request', async () => {
    const request = new Request('https://hbr.example.com/', { headers: { 'x-acs-action': 'GetBasicStatistics', 'x-acs-version': '2017-09-08' } });
    const { middleware } = alibabaAuthMiddleware({ type: 'acs3', accessKeyId: 'AK', accessKeySecret: secret });
    await (middleware.onRequest as (options: { request: Request }) => Promise<Request>)({ request });
    const verifier = createAlibabaHbrVerifier({ aksk: [{ accessKeyId: 'AK', accessKeySecret: secret }] });
    const received = { method: 'GET', url: '/', headers: Object.fromEntries([...request.headers, ['host', 'hbr.example.com']]), body: '' };
    expect(await verifier.verify(received)).toBeUndefined();
  });
});
