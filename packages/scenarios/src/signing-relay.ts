// Redocly Respect sends requests itself and knows API keys, bearer tokens and basic auth, but no
// HMAC request signing, so it cannot call Alibaba HBR (ACS3-HMAC-SHA256 or RPC V2 only) nor
// Huawei VBS with AK/SK. This relay stands between Respect and the contract mock: it signs each
// request with the client package's own signers and forwards it. It never logs anything, so no
// secret can reach a log.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, request as httpRequest, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AlibabaCredentials, signAlibabaHbrAcs3Request, signAlibabaHbrRpcV2Request } from '@cloud-backup-contracts/client/alibaba-hbr';
import { type HuaweiCredentials, signHuaweiVbsRequest } from '@cloud-backup-contracts/client/huawei-vbs';

/** Which API the relay signs for, and the access key it signs with. */
export type RelayKey = { api: 'huawei-vbs'; credentials: HuaweiCredentials } | { api: 'alibaba-hbr'; credentials: AlibabaCredentials };

export type SigningRelayOptions = RelayKey & {
  /** the mock's origin for that API, e.g. http://127.0.0.1:4011 (a path in it is not kept) */
  target: string;
  /** port to listen on (127.0.0.1); default 0, any free port */
  port?: number;
};

export interface SigningRelay {
  /** where to send the requests, e.g. `--server alibaba-hbr=<url>` */
  url: string;
  close(): Promise<void>;
}

/** A request as it will be forwarded: absolute URL, headers without `host`, body. */
interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Where the signed request goes and the headers the signer adds. */
interface Signed {
  url: string;
  headers: Record<string, string>;
}

/** Headers that describe one connection, not the message; never forwarded (RFC 9110 §7.6.1). */
const hopByHop = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade'];
/** The relay sets these on the forwarded request itself: the mock's host, the body's length. */
const setByRelay = ['host', 'content-length'];

function headersWithout(headers: IncomingHttpHeaders, dropped: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !dropped.includes(name)) kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}

async function signAlibaba(request: OutgoingRequest, credentials: AlibabaCredentials): Promise<Signed> {
  // Action in the query is the RPC form (V2 signs the query); otherwise the x-acs-* headers
  // name the action and version, which ACS3 reads from the request and signs
  if (new URL(request.url).searchParams.has('Action')) {
    const { url } = await signAlibabaHbrRpcV2Request(request, credentials);
    return { url, headers: {} };
  }
  const { headers } = await signAlibabaHbrAcs3Request(request, credentials);
  return { url: request.url, headers };
}

async function signHuawei(request: OutgoingRequest, credentials: HuaweiCredentials): Promise<Signed> {
  // a request with an IAM token is already authenticated (Respect's x-security sends it)
  if (request.headers['x-auth-token'] !== undefined) return { url: request.url, headers: {} };
  const { headers } = await signHuaweiVbsRequest(request, credentials);
  return { url: request.url, headers };
}

function readBody(incoming: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => resolve(Buffer.concat(chunks)));
    incoming.on('error', reject);
  });
}

/** Answers in plain JSON that names the relay, so a failure is never taken for the mock's. */
function answerProblem(response: ServerResponse, status: number, problem: string): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ signingRelay: problem }));
}

/** Starts a relay that signs every request for `options.api` and forwards it to `options.target`. */
export async function startSigningRelay(options: SigningRelayOptions): Promise<SigningRelay> {
  const target = new URL(options.target);
  const sign = (request: OutgoingRequest): Promise<Signed> =>
    options.api === 'alibaba-hbr' ? signAlibaba(request, options.credentials) : signHuawei(request, options.credentials);

  async function relay(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(incoming);
    const headers = headersWithout(incoming.headers, [...hopByHop, ...setByRelay]);
    if (body.length > 0 || incoming.headers['content-length'] !== undefined) headers['content-length'] = String(body.length);
    // the URL as the WHATWG parser serializes it, so what is signed is exactly what is sent
    const outgoing = { method: incoming.method!, url: new URL(incoming.url!, target).href, headers, body: body.toString('utf8') };
    let signed: Signed;
    try {
      signed = await sign(outgoing);
    } catch (error) {
      // the signers' messages name the field, never a value
      return answerProblem(response, 400, `cannot sign the request: ${error instanceof Error ? error.message : String(error)}`);
    }
    // the signer's headers replace same-named ones whatever their case (an incoming Authorization, say)
    for (const [name, value] of Object.entries(signed.headers)) headers[name.toLowerCase()] = value;
    headers.host = target.host;
    const upstream = httpRequest(new URL(signed.url), { method: outgoing.method, headers }, (answer) => {
      response.writeHead(answer.statusCode!, headersWithout(answer.headers, hopByHop));
      answer.pipe(response);
    });
    upstream.on('error', (error) => answerProblem(response, 502, `the mock at ${target.origin} did not answer: ${error.message}`));
    upstream.end(body);
  }

  const server: Server = createServer((incoming, response) => {
    relay(incoming, response).catch((error: unknown) => answerProblem(response, 500, error instanceof Error ? error.message : String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
