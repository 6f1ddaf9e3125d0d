// Cost of one request signature, node vs web crypto backend, against a baseline of a single
// createHash('sha256') of the same canonical request.
//   ./node_modules/.bin/vitest bench --run bench/signing.bench.ts
// Besides vitest's table, prints a summary in µs per signature and the ratio to the baseline.
import { createHash } from 'node:crypto';
import { bench, describe } from 'vitest';
import { signingCrypto as nodeCrypto } from '../src/crypto/node.js';
import type { SigningCrypto } from '../src/crypto/types.js';
import { signingCrypto as webCrypto } from '../src/crypto/web.js';
import { signAlibabaAcs3Request } from '../src/signing/alibaba-acs3-hmac-sha256.js';
import { signHuaweiRequest } from '../src/signing/huawei-sdk-hmac-sha256.js';
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
const acs3Request: SigningRequest = {
  method: acs3Vector.inputs.method,
  url: `https://${acs3Vector.inputs.host}/?SourceType=ECS_FILE`,
  headers: {},
};
const acs3Credentials = { accessKeyId: acs3Vector.inputs.access_key_id, accessKeySecret: acs3Vector.inputs.access_key_secret };
const acs3Options = { action: acs3Vector.inputs.action, version: acs3Vector.inputs.version };

// clock and nonce are left at their defaults (now / random), as in real use
const signHuawei = (crypto: SigningCrypto) => signHuaweiRequest(huaweiRequest, huaweiCredentials, crypto);
const signAcs3 = (crypto: SigningCrypto) => signAlibabaAcs3Request(acs3Request, acs3Credentials, crypto, acs3Options);

const BASELINE = 'baseline: createHash(sha256) of the canonical request';
const groups = {
  'huawei SDK-HMAC-SHA256, count shares': huaweiVector.expected.canonical_request,
  'alibaba ACS3-HMAC-SHA256, GetBasicStatistics': acs3Vector.expected.canonical_request,
} as const;
const sign = {
  'huawei SDK-HMAC-SHA256, count shares': signHuawei,
  'alibaba ACS3-HMAC-SHA256, GetBasicStatistics': signAcs3,
} as const;

// --- summary: collects tinybench results through the `setup` hook and prints them once ---
interface TaskLike extends EventTarget {
  name: string;
  result?: { mean: number; min: number; p75: number };
}
const means = new Map<string, { meanUs: number; minUs: number; p75Us: number }>();
const expectedTasks = Object.keys(groups).length * 3;

function printSummary(): void {
  const lines = ['', 'signing cost per request in µs (ratio = mean / baseline mean); min is the least load-sensitive figure'];
  for (const group of Object.keys(groups)) {
    const baseline = means.get(`${group} / ${BASELINE}`)!;
    lines.push(`  ${group}`);
    for (const name of [BASELINE, 'node backend', 'web backend']) {
      const m = means.get(`${group} / ${name}`)!;
      const ratio = (m.meanUs / baseline.meanUs).toFixed(1);
      const cells = [`mean ${m.meanUs.toFixed(2).padStart(7)}`, `min ${m.minUs.toFixed(2).padStart(7)}`, `p75 ${m.p75Us.toFixed(2).padStart(7)}`];
      lines.push(`    ${name.padEnd(54)} ${cells.join('  ')}  x${ratio}`);
    }
  }
  console.log(lines.join('\n'));
}

function recordTo(key: string) {
  return {
    setup(task: TaskLike, mode: 'run' | 'warmup') {
      if (mode !== 'run') return;
      task.addEventListener(
        'complete',
        () => {
          const r = task.result!;
          means.set(key, { meanUs: r.mean * 1000, minUs: r.min * 1000, p75Us: r.p75 * 1000 });
          if (means.size === expectedTasks) printSummary();
        },
        { once: true },
      );
    },
  };
}

for (const group of Object.keys(groups) as Array<keyof typeof groups>) {
  const canonicalRequest = groups[group];
  describe(group, () => {
    bench(BASELINE, () => {
      createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
    }, recordTo(`${group} / ${BASELINE}`));
    bench('node backend', async () => {
      await sign[group](nodeCrypto);
    }, recordTo(`${group} / node backend`));
    bench('web backend', async () => {
      await sign[group](webCrypto);
    }, recordTo(`${group} / web backend`));
  });
}
