// The server's side of Huawei's two auth forms, for the contract mock: an X-Auth-Token from a
// known list, or an SDK-HMAC-SHA256 signature recomputed with the client's own signer.
// Refusals are the API gateway's: 401 with `error_code` APIG.0301.
import { signingCrypto } from '#crypto';
import { optionalToken, requireCredential, requireVisibleAscii } from '../signing/credentials.js';
import {
  authorizationFields,
  defaultMaxSkewMs,
  headerOf,
  newRequestId,
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
import { HUAWEI_SIGNING_ALGORITHM, signHuaweiInput } from './sdk-hmac-sha256.js';

/** What a Huawei verifier accepts: AK/SK pairs (a temporary one with its security token), IAM tokens, or both (the mock's credentials file section). */
export interface HuaweiVbsVerifierCredentials {
  aksk?: { accessKeyId: string; secretAccessKey: string; securityToken?: string }[];
  tokens?: string[];
}

export interface HuaweiVbsVerifierOptions extends VerifierOptions {
  /** how error messages name the credentials, e.g. `credentials["huawei-vbs"]`; default `credentials` */
  where?: string;
}

/** The parts of `Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...`. */
interface HuaweiAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

const sdkDateForm = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The Authorization header's parts, or what is wrong with it (never echoing more than its scheme). */
function parseAuthorization(value: string): HuaweiAuthorization | string {
  const [scheme = '', rest = ''] = value.split(/ (.*)/s);
  if (scheme !== HUAWEI_SIGNING_ALGORITHM) {
    const shown = /^[\w-]{1,32}$/.test(scheme) ? ` (it starts with "${scheme}")` : '';
    return `the Authorization header is not ${HUAWEI_SIGNING_ALGORITHM}${shown}`;
  }
  const fields = authorizationFields(rest);
  for (const name of ['Access', 'SignedHeaders', 'Signature']) {
    if (!fields.get(name)) return `the Authorization header has no ${name}= part`;
  }
  return { access: fields.get('Access')!, signedHeaders: fields.get('SignedHeaders')!.toLowerCase().split(';'), signature: fields.get('Signature')! };
}

/** What is wrong with the X-Security-Token a request carries (never repeating it), or undefined when it is the key's own and signed. */
function securityTokenProblem(access: string, expected: string | undefined, sent: string | undefined, signedHeaders: string[]): string | undefined {
  if (sent === expected) return sent === undefined || signedHeaders.includes('x-security-token') ? undefined : 'SignedHeaders must include x-security-token';
  if (expected === undefined) return `the request carries an X-Security-Token, but ${access} is not a temporary access key`;
  return sent === undefined
    ? `${access} is a temporary access key, so the request must carry its X-Security-Token`
    : `the X-Security-Token does not belong to the access key ${access}`;
}

/**
 * Checks requests to the Huawei VBS API the way its API gateway does: a token from
 * `credentials.tokens`, or an SDK-HMAC-SHA256 signature by a key in `credentials.aksk` with
 * `host` and `x-sdk-date` signed, every signed header present, X-Sdk-Date within 15 minutes and,
 * for a temporary key, its security token as a signed `X-Security-Token`.
 * Throws a ClientInputError naming the field when `credentials` is malformed.
 */
export function createHuaweiVbsVerifier(credentials: HuaweiVbsVerifierCredentials, options: HuaweiVbsVerifierOptions = {}): SignatureVerifier {
  const where = options.where ?? 'credentials';
  const section = readSection(credentials, where, ['aksk', 'tokens']);
  const keys = new Map(
    readList(section, 'aksk', where, (item, at) => {
      const pair = readSection(item, at, ['accessKeyId', 'secretAccessKey', 'securityToken']);
      const key = {
        secret: requireCredential(pair.secretAccessKey, `${at}.secretAccessKey`),
        securityToken: optionalToken(pair.securityToken, `${at}.securityToken`),
      };
      return [requireVisibleAscii(pair.accessKeyId, `${at}.accessKeyId`), key] as const;
    }),
  );
  const tokens = new Set(readList(section, 'tokens', where, requireVisibleAscii));
  const now = options.now ?? Date.now;
  const maxSkewMs = options.maxSkewMs ?? defaultMaxSkewMs;

  const refuse = (reason: string): VerifyRefusal => ({
    status: 401,
    reason,
    body: { error_msg: `Incorrect IAM authentication information: ${reason}`, error_code: 'APIG.0301', request_id: newRequestId().replace(/-/g, '') },
  });

  async function verify(request: ReceivedRequest): Promise<VerifyRefusal | undefined> {
    // note: a token is a secret, so a refusal never repeats it
    const token = headerOf(request, 'x-auth-token');
    if (token !== undefined) return tokens.has(token) ? undefined : refuse('the X-Auth-Token is not one of the tokens this server accepts');
    const authorization = headerOf(request, 'authorization');
    if (!authorization) return refuse(`the request has neither an X-Auth-Token header nor an Authorization header signed with ${HUAWEI_SIGNING_ALGORITHM}`);
    const parsed = parseAuthorization(authorization);
    if (typeof parsed === 'string') return refuse(parsed);
    const key = keys.get(parsed.access);
    if (key === undefined) return refuse(`the access key ${parsed.access} is not known`);
    for (const required of ['host', 'x-sdk-date']) {
      if (!parsed.signedHeaders.includes(required)) return refuse(`SignedHeaders must include ${required}, but it is ${parsed.signedHeaders.join(';')}`);
    }
    const missing = parsed.signedHeaders.find((name) => request.headers[name] === undefined);
    if (missing !== undefined) return refuse(`the signed header ${missing} is not on the request`);
    const sdkDate = headerOf(request, 'x-sdk-date')!;
    const date = sdkDateForm.exec(sdkDate);
    if (!date) return refuse(`X-Sdk-Date must have the form YYYYMMDDTHHMMSSZ, but it is ${sdkDate}`);
    const [year, month, day, hour, minute, second] = date.slice(1).map(Number) as [number, number, number, number, number, number];
    const skew = skewProblem('X-Sdk-Date', sdkDate, Date.UTC(year, month - 1, day, hour, minute, second), now(), maxSkewMs);
    if (skew) return refuse(skew);
    const tokenProblem = securityTokenProblem(parsed.access, key.securityToken, headerOf(request, 'x-security-token'), parsed.signedHeaders);
    if (tokenProblem) return refuse(tokenProblem);

    // the client's own signer, over exactly the headers the request says it signed
    const expected = await signHuaweiInput(signerInputOf(request, parsed.signedHeaders), parsed.access, key.secret, signingCrypto);
    if (sameSignature(expected.signature, parsed.signature)) return undefined;
    return refuse(
      `the signature does not match. The server signed the headers ${expected.signedHeaders}; its canonical request is "${shownCanonical(expected.canonicalRequest)}" and its string to sign "${oneLine(expected.stringToSign)}"`,
    );
  }
  return { verify };
}
