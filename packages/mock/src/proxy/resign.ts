// Re-signing for the upstream: the caller's own signature (made for the proxy's host, with the
// caller's keys) is taken off and the request is signed again, as it will be sent, with the
// keys of the credentials file's `upstream` entry. The entry has the shape of the typed
// client's `auth` option, and its `type` names the scheme: `token` or `aksk` (SDK-HMAC-SHA256),
// `acs3` (ACS3-HMAC-SHA256) or `rpc-v2` (HMAC-SHA1 in the query), each with the client's signer.
import { ClientInputError } from '@cloud-backup-contracts/client';
import { signAlibabaHbrAcs3Request, signAlibabaHbrRpcV2Request } from '@cloud-backup-contracts/client/alibaba-hbr';
import { signHuaweiVbsRequest } from '@cloud-backup-contracts/client/huawei-vbs';

/** A request as it will be sent upstream. */
export interface OutgoingRequest {
  method: string;
  /** the upstream URL, path and query included */
  url: URL;
  /** lower-case names; exactly what is sent (and, for SDK-HMAC-SHA256, signed) */
  headers: Record<string, string>;
  body: Buffer;
}

export type Resigner = (request: OutgoingRequest) => Promise<OutgoingRequest>;

export const signingSchemes = ['token', 'aksk', 'acs3', 'rpc-v2'] as const;
export type SigningScheme = (typeof signingSchemes)[number];

/** Headers that carry a caller's signature or token, never forwarded as they are. */
const signatureHeaders = [
  'authorization',
  'x-auth-token',
  // a caller's temporary-key token: left on, it would be signed in with the upstream's keys
  'x-security-token',
  'x-sdk-date',
  'x-sdk-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
  'x-acs-security-token',
  'x-acs-accesskey-id',
];
/** Query parameters a signature in the query (RPC V2) adds, taken off with it. */
const signatureParameters = ['Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'AccessKeyId', 'SecurityToken'];

/** The request without the caller's signature: its headers, and the query parameters of one signed in the query. */
export function withoutSignature(request: OutgoingRequest): OutgoingRequest {
  const headers = { ...request.headers };
  for (const name of signatureHeaders) delete headers[name];
  const url = new URL(request.url);
  if (url.searchParams.has('Signature')) {
    // rebuilt by hand: URLSearchParams would re-encode every other parameter
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => !signatureParameters.includes(decodeURIComponent(pair.split('=')[0] ?? '')));
    url.search = kept.length ? `?${kept.join('&')}` : '';
  }
  return { ...request, headers, url };
}

/** Moves `names` from the query to headers (`toHeaders`) or back, so the request has the form its scheme signs. */
function moveParameters(request: OutgoingRequest, pairs: [query: string, header: string][], toHeaders: boolean): OutgoingRequest {
  const headers = { ...request.headers };
  const url = new URL(request.url);
  let query = url.search.slice(1).split('&').filter(Boolean);
  for (const [parameter, header] of pairs) {
    if (toHeaders) {
      const pair = query.find((item) => item.split('=')[0] === parameter);
      if (pair === undefined || headers[header] !== undefined) continue;
      headers[header] = decodeURIComponent(pair.slice(parameter.length + 1).replace(/\+/g, ' '));
      query = query.filter((item) => item !== pair);
    } else {
      const value = headers[header];
      if (value === undefined || query.some((item) => item.split('=')[0] === parameter)) continue;
      delete headers[header];
      query.push(`${parameter}=${encodeURIComponent(value)}`);
    }
  }
  url.search = query.length ? `?${query.join('&')}` : '';
  return { ...request, headers, url };
}

/** ACS3 signs the action and version as headers, RPC V2 in the query: a request signed the other way is moved over. */
const actionPairs: [string, string][] = [
  ['Action', 'x-acs-action'],
  ['Version', 'x-acs-version'],
];

const text = (value: unknown, field: string): string => {
  if (typeof value !== 'string' || value === '') throw new ClientInputError(field, 'must be a non-empty string');
  return value;
};

/** The re-signer for one `upstream` entry; throws a ClientInputError naming the field (never a value) when it is malformed. */
export async function createResigner(entry: unknown, where: string): Promise<Resigner> {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry))
    throw new ClientInputError(where, `must be an object with a type (${signingSchemes.join(', ')}) and its keys`);
  const auth = entry as Record<string, unknown>;
  const scheme = auth.type as SigningScheme;
  if (!signingSchemes.includes(scheme)) throw new ClientInputError(`${where}.type`, `must be one of ${signingSchemes.join(', ')}`);
  const allowed = { token: ['token'], aksk: ['accessKeyId', 'secretAccessKey', 'securityToken'], acs3: ['accessKeyId', 'accessKeySecret', 'securityToken'] }[
    scheme === 'rpc-v2' ? 'acs3' : scheme
  ];
  for (const key of Object.keys(auth))
    if (key !== 'type' && !allowed.includes(key)) throw new ClientInputError(`${where}.${key}`, `is not a field of a ${scheme} entry`);
  const prefixed = async <T>(sign: () => Promise<T>): Promise<T> => {
    try {
      return await sign();
    } catch (error) {
      if (error instanceof ClientInputError) throw new ClientInputError(`${where}.${error.field}`, error.message.slice(error.field.length + 1));
      throw error;
    }
  };
  const signerInput = (request: OutgoingRequest) => ({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: request.body.toString('utf8'),
  });

  let resign: Resigner;
  if (scheme === 'token') {
    const token = text(auth.token, `${where}.token`);
    if (!/^[\x21-\x7e]+$/.test(token)) throw new ClientInputError(`${where}.token`, 'must only contain visible ASCII characters');
    resign = async (request) => ({ ...request, headers: { ...request.headers, 'x-auth-token': token } });
  } else if (scheme === 'aksk') {
    const credentials = {
      accessKeyId: auth.accessKeyId as string,
      secretAccessKey: auth.secretAccessKey as string,
      // a temporary key's token, sent as X-Security-Token and signed with it
      ...(auth.securityToken === undefined ? {} : { securityToken: auth.securityToken as string }),
    };
    resign = async (request) => {
      const { headers } = await prefixed(() => signHuaweiVbsRequest(signerInput(request), credentials));
      return { ...request, headers: { ...request.headers, ...lowerCased(headers) } };
    };
  } else {
    const credentials = {
      accessKeyId: auth.accessKeyId as string,
      accessKeySecret: auth.accessKeySecret as string,
      ...(auth.securityToken === undefined ? {} : { securityToken: auth.securityToken as string }),
    };
    resign =
      scheme === 'acs3'
        ? async (request) => {
            const moved = moveParameters(request, actionPairs, true);
            const { headers } = await prefixed(() => signAlibabaHbrAcs3Request(signerInput(moved), credentials));
            return { ...moved, headers: { ...moved.headers, ...lowerCased(headers) } };
          }
        : async (request) => {
            const moved = moveParameters(request, actionPairs, false);
            const { url } = await prefixed(() => signAlibabaHbrRpcV2Request(signerInput(moved), credentials));
            return { ...moved, url: new URL(url) };
          };
  }
  // the keys are checked now, by the signer itself, not on the first request
  await resign({ method: 'GET', url: new URL('https://upstream.invalid/?Action=A&Version=V'), headers: { host: 'upstream.invalid' }, body: Buffer.alloc(0) });
  return async (request) => resign(withoutSignature(request));
}

const lowerCased = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
