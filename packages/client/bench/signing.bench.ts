// Cost of one request signature against a baseline of a single createHash('sha256') of the same
// canonical request:
//   - the public signers (signHuaweiRequest, signAlibabaAcs3Request) on the node and web backends;
//   - the client's auth middleware, as openapi-fetch calls it: onRequest on a fresh fetch Request
//     (built outside the timing, see `fresh`), node backend.
//   ./node_modules/.bin/vitest bench --run bench/signing.bench.ts
// Besides vitest's table, prints a summary in µs per signature and the ratios to the baseline
// (mean / baseline mean, min / baseline min). Compare ratios and min values: the machine may be busy.
import { createHash } from 'node:crypto';
import { bench, describe } from 'vitest';
import { alibabaAuthMiddleware } from '../src/alibaba-hbr/auth.js';
import { signingCrypto as nodeCrypto } from '../src/crypto/node.js';
import type { SigningCrypto } from '../src/crypto/types.js';
import { signingCrypto as webCrypto } from '../src/crypto/web.js';
import { huaweiAuthMiddleware } from '../src/huawei-vbs/auth.js';
import { signAlibabaAcs3Request } from '../src/alibaba-hbr/acs3-hmac-sha256.js';
import { signHuaweiRequest } from '../src/huawei-vbs/sdk-hmac-sha256.js';
import type { SigningRequest } from '../src/signing/request.js';
import { loadSigningVectors } from '../test/signing/fixtures.js';

const vectors = loadSigningVectors();
const huaweiVector = vectors.huawei_sdk_hmac_sha256.find((v) => v.name === 'get_query_with_space')!;
const acs3Vector = vectors.alibaba_acs3_hmac_sha256.find((v) => v.name === 'v3_get_query_empty_body')!;

// Huawei VBS "count shares": GET /v2/{project_id}/os-vendor-backup-sharing/count?...
const huaweiRequest: SigningRequest = {
  method: huaweiVector.inputs.method,
  url: huaweiVector.inputs.url,
  headers: huaweiVector.inputs.headers,
};
const huaweiCredentials = { accessKeyId: huaweiVector.inputs.ak, secretAccessKey: huaweiVector.inputs.sk };

// Alibaba HBR GetBasicStatistics
const acs3Url = `https://${acs3Vector.inputs.host}/?SourceType=ECS_FILE`;
const acs3Request: SigningRequest = { method: acs3Vector.inputs.method, url: acs3Url, headers: {} };
const acs3Credentials = { accessKeyId: acs3Vector.inputs.access_key_id, accessKeySecret: acs3Vector.inputs.access_key_secret };
const acs3Options = { action: acs3Vector.inputs.action, version: acs3Vector.inputs.version };

// the middlewares as the clients build them (#crypto is the node backend here)
const huaweiMiddleware = huaweiAuthMiddleware({ type: 'aksk', ...huaweiCredentials }, huaweiVector.inputs.project_id!);
const acs3Middleware = alibabaAuthMiddleware({ type: 'acs3', ...acs3Credentials }).middleware;
type OnRequest = (options: { request: Request }) => unknown;

// what openapi-fetch hands the middleware: the request as built from the operation's parameters
const newHuaweiFetchRequest = () => new Request(huaweiVector.inputs.url, { headers: { 'Content-Type': 'application/json' } });
const newAcs3FetchRequest = () => new Request(acs3Url, { headers: { 'x-acs-action': acs3Vector.inputs.action, 'x-acs-version': acs3Vector.inputs.version } });

// clock and nonce are left at their defaults (now / random), as in real use
interface Group {
  canonicalRequest: string;
  sign: (crypto: SigningCrypto) => Promise<unknown>;
  onRequest: OnRequest;
  newFetchRequest: () => Request;
}
const groups: Record<string, Group> = {
  'huawei SDK-HMAC-SHA256, count shares': {
    canonicalRequest: huaweiVector.expected.canonical_request,
    sign: (crypto) => signHuaweiRequest(huaweiRequest, huaweiCredentials, crypto),
    onRequest: huaweiMiddleware.onRequest as OnRequest,
    newFetchRequest: newHuaweiFetchRequest,
  },
  'alibaba ACS3-HMAC-SHA256, GetBasicStatistics': {
    canonicalRequest: acs3Vector.expected.canonical_request,
    sign: (crypto) => signAlibabaAcs3Request(acs3Request, acs3Credentials, crypto, acs3Options),
    onRequest: acs3Middleware.onRequest as OnRequest,
    newFetchRequest: newAcs3FetchRequest,
  },
};

const BASELINE = 'baseline: createHash(sha256) of the canonical request';
const NODE = 'node backend';
const WEB = 'web backend';
const MIDDLEWARE = 'middleware onRequest(new Request), node';
const NEW_REQUEST = '(for reference: new Request(url, { headers }))';
const TASKS = [BASELINE, NODE, WEB, MIDDLEWARE, NEW_REQUEST];

// --- summary: collects tinybench results through the `setup` hook and prints them once ---
interface TaskLike extends EventTarget {
  name: string;
  result?: { mean: number; min: number; p75: number };
}
const results = new Map<string, { meanUs: number; minUs: number; p75Us: number }>();
const expectedTasks = Object.keys(groups).length * TASKS.length;

function printSummary(): void {
  const lines = ['', 'signing cost per request in µs; ratios to the baseline: mean/mean and min/min (min is the least load-sensitive)'];
  for (const group of Object.keys(groups)) {
    const baseline = results.get(`${group} / ${BASELINE}`)!;
    lines.push(`  ${group}`);
    for (const name of TASKS) {
      const m = results.get(`${group} / ${name}`)!;
      const cells = [`mean ${m.meanUs.toFixed(2).padStart(7)}`, `min ${m.minUs.toFixed(2).padStart(7)}`, `p75 ${m.p75Us.toFixed(2).padStart(7)}`];
      const ratios = `x${(m.meanUs / baseline.meanUs).toFixed(1)} mean, x${(m.minUs / baseline.minUs).toFixed(1)} min`;
      lines.push(`    ${name.padEnd(54)} ${cells.join('  ')}  ${ratios}`);
    }
  }
  console.log(lines.join('\n'));
}

function record(task: TaskLike, key: string): void {
  task.addEventListener(
    'complete',
    () => {
      const r = task.result!;
      results.set(key, { meanUs: r.mean * 1000, minUs: r.min * 1000, p75Us: r.p75 * 1000 });
      if (results.size === expectedTasks) printSummary();
    },
    { once: true },
  );
}

// A middleware changes the request it signs, so each iteration needs a fresh one. vitest's bench
// has no untimed per-iteration hook, so these benches run a fixed number of iterations and the
// requests are built beforehand, in `setup`.
const ITERATIONS = 4000;
const WARMUP_ITERATIONS = 1000;
function fresh(make: () => Request) {
  let pool: Request[] = [];
  return {
    next: () => pool.pop() ?? make(),
    options: { time: 0, iterations: ITERATIONS, warmupTime: 0, warmupIterations: WARMUP_ITERATIONS },
    fill: (mode: 'run' | 'warmup') => {
      pool = Array.from({ length: (mode === 'run' ? ITERATIONS : WARMUP_ITERATIONS) + 10 }, make);
    },
  };
}

function options(key: string, extra: { options?: object; fill?: (mode: 'run' | 'warmup') => void } = {}) {
  return {
    ...extra.options,
    setup(task: TaskLike, mode: 'run' | 'warmup') {
      extra.fill?.(mode);
      if (mode === 'run') record(task, key);
    },
  };
}

for (const [group, { canonicalRequest, sign, onRequest, newFetchRequest }] of Object.entries(groups)) {
  describe(group, () => {
    bench(
      BASELINE,
      () => {
        createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
      },
      options(`${group} / ${BASELINE}`),
    );
    bench(NODE, () => sign(nodeCrypto) as Promise<never>, options(`${group} / ${NODE}`));
    bench(WEB, () => sign(webCrypto) as Promise<never>, options(`${group} / ${WEB}`));
    const requests = fresh(newFetchRequest);
    // note: onRequest returns the request itself when it could sign synchronously, a promise otherwise
    bench(MIDDLEWARE, () => onRequest({ request: requests.next() }) as void | Promise<void>, options(`${group} / ${MIDDLEWARE}`, requests));
    bench(NEW_REQUEST, () => void newFetchRequest(), options(`${group} / ${NEW_REQUEST}`));
  });
}
