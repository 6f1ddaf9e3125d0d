// The server's side of Alibaba's two signatures, for the contract mock: ACS3-HMAC-SHA256 (the
// headers form) and RPC V2 (the query form), each recomputed with the client's own signing code.
// Refusals are the service's: `{ RequestId, HostId, Code, Message, Recommend }`.
import { signingCrypto } from '#crypto';
import { optionalToken, requireCredential, requireVisibleAscii } from '../signing/credentials.js';
import { formPairs, type ParamPair } from '../signing/encoding.js';
import {
  authorizationFields,
  defaultMaxSkewMs,
  headerOf,
  newRequestId,
  NonceLedger,
  oneLine,
  type ReceivedRequest,
  readList,
  readSection,
  sameSignature,
  shownCanonical,
  type SignatureVerifier,
  signerInputOf,
  skewProblem,
  type VerifierOptions,
  type VerifyRefusal,
} from '../signing/verify.js';
import { ACS3_SIGNING_ALGORITHM, acs3HeaderValue, acs3Signature } from './acs3-hmac-sha256.js';
import { RPC_V2_SIGNATURE_METHOD, RPC_V2_SIGNATURE_VERSION, rpcV2StringToSign } from './rpc-v2-hmac-sha1.js';

/** What an Alibaba verifier accepts: access keys, each with its STS token when it is a temporary one. */
export interface AlibabaHbrVerifierCredentials {
  aksk?: { accessKeyId: string; accessKeySecret: string; securityToken?: string }[];
}

export interface AlibabaHbrVerifierOptions extends VerifierOptions {
  /** how error messages name the credentials, e.g. `credentials["alibaba-hbr"]`; default `credentials` */
  where?: string;
}

interface Key {
  secret: string;
  securityToken: string | undefined;
}

/** A refusal's code and message; the status and the rest of the body are added by `refuse`. */
type Problem = [status: number, code: string, message: string];

const incomplete = (detail: string): Problem => [400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: ${detail}`];

const isoSecond = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** Headers every ACS3 request must sign (the security token too, when one is sent). */
const acs3Required = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];

/**
 * Checks requests to the Alibaba HBR API the way the service does: an ACS3-HMAC-SHA256
 * Authorization or an RPC V2 `Signature` parameter by a key in `credentials.aksk`, the date
 * within 15 minutes, the nonce not used before, every signed header present, the body matching
 * its signed hash and, for a key with an STS token, that token. Throws a ClientInputError naming the
 * field when `credentials` is malformed.
 */
export function createAlibabaHbrVerifier(credentials: AlibabaHbrVerifierCredentials, options: AlibabaHbrVerifierOptions = {}): SignatureVerifier {
  const where = options.where ?? 'credentials';
  const section = readSection(credentials, where, ['aksk']);
  const keys = new Map(
    readList(section, 'aksk', where, (item, at): [string, Key] => {
      const pair = readSection(item, at, ['accessKeyId', 'accessKeySecret', 'securityToken']);
      const token = pair.securityToken;
      return [
        requireVisibleAscii(pair.accessKeyId, `${at}.accessKeyId`),
        {
          secret: requireCredential(pair.accessKeySecret, `${at}.accessKeySecret`),
          securityToken: optionalToken(token, `${at}.securityToken`),
        },
      ];
    }),
  );
  const now = options.now ?? Date.now;
  const maxSkewMs = options.maxSkewMs ?? defaultMaxSkewMs;
  const nonces = new NonceLedger(2 * maxSkewMs);

  function refuse(request: ReceivedRequest, [status, code, message]: Problem): VerifyRefusal {
    const requestId = newRequestId().toUpperCase();
    return {
      status,
      reason: `${code}: ${message}`,
      body: {
        RequestId: requestId,
        HostId: headerOf(request, 'host') ?? '',
        Code: code,
        Message: message,
        Recommend: `https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=${encodeURIComponent(code)}&product=hbr&requestId=${requestId}`,
      },
    };
  }

  /** The key named by a request, or the service's refusal for an unknown one. */
  const keyOf = (accessKeyId: string): Key | Problem =>
    keys.get(accessKeyId) ?? [404, 'InvalidAccessKeyId.NotFound', `Specified access key is not found: ${accessKeyId}`];

  /** The signing time's problem, if any: malformed, or too far from now (its presence is checked before). */
  function dateProblem(name: string, value: string): Problem | undefined {
    if (!isoSecond.test(value) || Number.isNaN(Date.parse(value))) {
      return [
        400,
        'InvalidTimeStamp.Format',
        `Specified time stamp or date value is not well formatted: ${name} must be YYYY-MM-DDThh:mm:ssZ, but it is ${value}`,
      ];
    }
    const skew = skewProblem(name, value, Date.parse(value), now(), maxSkewMs);
    return skew ? [400, 'InvalidTimeStamp.Expired', `Specified time stamp or date value is expired: ${skew}`] : undefined;
  }

  /** An STS token sent (or not) that does not match the key's own. */
  function tokenProblem(accessKeyId: string, key: Key, sent: string | undefined, name: string): Problem | undefined {
    if (sent === key.securityToken) return undefined;
    const message =
      key.securityToken === undefined
        ? `the request carries ${name}, but ${accessKeyId} is not a temporary (STS) access key`
        : sent === undefined
          ? `${accessKeyId} is a temporary (STS) access key, so the request must carry its ${name}`
          : `the ${name} does not belong to ${accessKeyId}`;
    return [400, 'InvalidSecurityToken.MismatchWithAccessKey', `Specified security token does not match the access key: ${message}`];
  }

  /** The V2 string to sign shown in a message, the STS token (a credential) masked. */
  const shownStringToSign = (text: string): string => oneLine(text.replace(/(%26SecurityToken%3D)(?:(?!%26).)*/, '$1<masked>'));

  async function acs3(request: ReceivedRequest, authorization: string): Promise<Problem | undefined> {
    const fields = authorizationFields(authorization.slice(ACS3_SIGNING_ALGORITHM.length + 1));
    for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
      if (!fields.get(name)) return incomplete(`the Authorization header has no ${name}= part`);
    }
    const accessKeyId = fields.get('Credential')!;
    const key = keyOf(accessKeyId);
    if (Array.isArray(key)) return key;
    const signed = fields.get('SignedHeaders')!.toLowerCase().split(';');
    const mustSign = [...acs3Required, ...Object.keys(request.headers).filter((name) => name.startsWith('x-acs-'))];
    const unsigned = mustSign.find((name) => !signed.includes(name));
    if (unsigned !== undefined) return incomplete(`${unsigned} must be signed, but SignedHeaders is ${signed.join(';')}`);
    const absent = signed.find((name) => request.headers[name] === undefined);
    if (absent !== undefined) return incomplete(`the signed header ${absent} is not on the request`);
    const problem =
      dateProblem('x-acs-date', headerOf(request, 'x-acs-date')!) ??
      tokenProblem(accessKeyId, key, headerOf(request, 'x-acs-security-token'), 'x-acs-security-token');
    if (problem) return problem;

    const input = signerInputOf(request, signed);
    const sentHash = acs3HeaderValue(input.headers.get('x-acs-content-sha256')!);
    const bodyHash = await signingCrypto.sha256Hex(input.body);
    if (sentHash !== bodyHash) {
      return [400, 'SignatureDoesNotMatch', `x-acs-content-sha256 is ${sentHash}, but the SHA-256 of the body the server received is ${bodyHash}`];
    }
    const values = new Map([...input.headers].map(([name, list]) => [name, acs3HeaderValue(list)]));
    // the client's own canonicalisation, over exactly the headers the request says it signed
    const expected = await acs3Signature(input, values, sentHash, accessKeyId, key.secret, signingCrypto, {});
    if (!sameSignature(expected.signature, fields.get('Signature')!)) {
      return [
        400,
        'SignatureDoesNotMatch',
        `Specified signature does not match our calculation. The server signed the headers ${expected.signedHeaders}; its canonical request is "${shownCanonical(expected.canonicalRequest)}" and its string to sign "${oneLine(expected.stringToSign)}"`,
      ];
    }
    return nonceProblem(accessKeyId, headerOf(request, 'x-acs-signature-nonce')!);
  }

  async function rpcV2(request: ReceivedRequest, pairs: ParamPair[]): Promise<Problem | undefined> {
    const value = (name: string) => pairs.find(([key]) => key === name)?.[1];
    const missing = ['AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp'].find((name) => value(name) === undefined);
    if (missing !== undefined)
      return [400, 'MissingParameter', `The input parameter "${missing}" that is mandatory for processing this request is not supplied.`];
    for (const [name, wanted] of [
      ['SignatureMethod', RPC_V2_SIGNATURE_METHOD],
      ['SignatureVersion', RPC_V2_SIGNATURE_VERSION],
    ]) {
      if (value(name!) !== wanted) return [400, 'InvalidParameter', `The specified parameter "${name}" must be ${wanted}, but it is ${value(name!)}`];
    }
    const accessKeyId = value('AccessKeyId')!;
    const key = keyOf(accessKeyId);
    if (Array.isArray(key)) return key;
    const problem = dateProblem('Timestamp', value('Timestamp')!) ?? tokenProblem(accessKeyId, key, value('SecurityToken'), 'SecurityToken');
    if (problem) return problem;

    const signature = value('Signature')!;
    const { stringToSign } = rpcV2StringToSign(
      request.method,
      pairs.filter(([name]) => name !== 'Signature'),
    );
    // the client's own string to sign and HMAC
    if (!sameSignature(await signingCrypto.hmacSha1Base64(`${key.secret}&`, stringToSign), signature)) {
      return [
        400,
        'SignatureDoesNotMatch',
        `Specified signature is not matched with our calculation. server string to sign is:${shownStringToSign(stringToSign)}`,
      ];
    }
    return nonceProblem(accessKeyId, value('SignatureNonce')!);
  }

  function nonceProblem(accessKeyId: string, nonce: string): Problem | undefined {
    return nonces.use(accessKeyId, nonce, now()) ? undefined : [400, 'SignatureNonceUsed', `Specified signature nonce was used already: ${nonce}`];
  }

  async function verify(request: ReceivedRequest): Promise<VerifyRefusal | undefined> {
    const queryAt = request.url.indexOf('?');
    const pairs = formPairs(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
    const contentType = headerOf(request, 'content-type');
    // the V2 form signs the form parameters of a form body as well
    if (request.body && /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')) pairs.push(...formPairs(request.body));
    const authorization = headerOf(request, 'authorization');
    const problem = pairs.some(([name]) => name === 'Signature')
      ? await rpcV2(request, pairs)
      : authorization?.startsWith(`${ACS3_SIGNING_ALGORITHM} `)
        ? await acs3(request, authorization)
        : incomplete(`it has neither a Signature parameter (signature V2) nor an ${ACS3_SIGNING_ALGORITHM} Authorization header (V3)`);
    return problem && refuse(request, problem);
  }
  return { verify };
}
