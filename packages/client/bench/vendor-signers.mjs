// On-demand benchmark: the cost per request of our signers against the cloud vendors' own
// official signers, in one Node process, as ratios to a shared baseline (one
// createHash('sha256') of the scheme's canonical request).
//
// Not part of the test suite: on first run it downloads the vendors' packages (~34 MB) into
// <os.tmpdir()>/cloud-backup-contracts-vendor-signers with npm (never into the repo), and it
// takes a minute or two. Before timing it checks that both sides produce the signatures in
// test/signing/signing-vectors.json, and exits non-zero if anything differs.
//
// Run it by hand:
//   npm run pnpm -- --filter @cloud-backup-contracts/client bench:vendors   (from the repo root)
// or as the signing section of `npm run bench`, which imports benchVendorSigners().
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Abort, installedVersion, installVendorPackages, loadVendors, VENDOR_DIR, VENDOR_PACKAGES } from './vendor-packages.mjs';

export { Abort };

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD_COMMAND = './node_modules/.bin/tsc -p tsconfig.build.json';

const WARMUP_CALLS = 20_000;
const ROUNDS = 15;
const CALLS_PER_ROUND = 20_000;

// ---------------------------------------------------------------------------------------------
// Loading: vendor packages (installed on demand), our built signers, the vectors
// ---------------------------------------------------------------------------------------------

/** The exported signers as a caller imports them (in Node, `#crypto` is the node:crypto backend). */
async function loadOurs() {
  const entries = ['huawei-vbs', 'alibaba-hbr'].map((api) => join(PACKAGE_ROOT, 'dist', api, 'index.js'));
  const missing = entries.find((entry) => !existsSync(entry));
  if (missing) throw new Abort(`${missing} is missing: build the package first:\n  cd ${PACKAGE_ROOT} && ${BUILD_COMMAND}`);
  const [huawei, alibaba] = await Promise.all(entries.map((entry) => import(pathToFileURL(entry).href)));
  return { ...huawei, ...alibaba };
}

function loadVectors() {
  const vectors = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'test', 'signing', 'signing-vectors.json'), 'utf8'));
  const pick = (scheme, name) => vectors[scheme].find((vector) => vector.name === name) ?? assert.fail(`vector ${scheme}/${name} not found`);
  return {
    huawei: pick('huawei_sdk_hmac_sha256', 'get_query_with_space'),
    acs3: pick('alibaba_acs3_hmac_sha256', 'v3_get_query_empty_body'),
    rpc: pick('alibaba_rpc_v2_hmac_sha1', 'v2_get_query'),
  };
}

// ---------------------------------------------------------------------------------------------
// The three schemes. Each has: the baseline's input, a vector check with the fixed inputs, a
// "live" check of the timed closures (ours re-signs with the time and nonce the vendor chose),
// and the timed closures themselves. Every timed closure builds its request from constants,
// as a caller would per request, and signs it with the current time (and a fresh nonce).
// ---------------------------------------------------------------------------------------------

/** "20261123T101500Z" (X-Sdk-Date) -> Date */
function dateFromBasic(basic) {
  return new Date(basic.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
}

function urlWithQuery(host, query) {
  const pairs = Object.entries(query).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  return `https://${host}/?${pairs.join('&')}`;
}

function huaweiScheme({ name, inputs, expected }, vendor, ours) {
  const credentials = { accessKeyId: inputs.ak, secretAccessKey: inputs.sk };
  // what HcClient.buildRequest + BasicCredentials.processAuthRequest hand AKSKSigner.sign:
  // endpoint = origin + resolved path, query as an object, headers content-type and X-Project-Id
  const { origin, pathname } = new URL(inputs.url);
  const vendorCredential = new vendor.BasicCredentials().withAk(inputs.ak).withSk(inputs.sk).withProjectId(inputs.project_id);
  const vendorRequest = (extraHeaders) => {
    const request = new vendor.HttpRequestImpl();
    request.endpoint = `${origin}${pathname}`;
    request.url = pathname;
    request.method = inputs.method;
    request.headers = { ...inputs.headers, ...extraHeaders };
    request.queryParams = { ...inputs.query_params };
    return request;
  };
  // returns every header to send, Authorization and (when it stamped the time) X-Sdk-Date included
  const vendorSign = (extraHeaders) => vendor.AKSKSigner.sign(vendorRequest(extraHeaders), vendorCredential);
  const oursSign = (options) => ours.signHuaweiVbsRequest({ method: inputs.method, url: inputs.url, headers: { ...inputs.headers } }, credentials, options);

  return {
    title: `Huawei SDK-HMAC-SHA256, ${inputs.method} count shares (vector ${name})`,
    canonicalRequest: expected.canonical_request,
    async checkVector() {
      // AKSKSigner.sign has no clock option; it honours an X-Sdk-Date already on the request
      assert.equal(vendorSign({ 'X-Sdk-Date': inputs.date }).Authorization, expected.authorization, 'vendor Authorization');
      const signature = await oursSign({ date: dateFromBasic(inputs.date) });
      assert.equal(signature.signature, expected.signature, 'our signature');
      assert.equal(signature.authorization, expected.authorization, 'our Authorization');
    },
    async checkLive() {
      const headers = vendorSign();
      const signature = await oursSign({ date: dateFromBasic(headers['X-Sdk-Date']) });
      assert.equal(signature.authorization, headers.Authorization, `Authorization at X-Sdk-Date ${headers['X-Sdk-Date']}`);
    },
    // ours: the public signer (URL and header parsing, X-Sdk-Date from the clock, canonical
    // request, SHA-256, HMAC-SHA256) on the node backend
    ours: () => oursSign(),
    // vendor: the request object as processAuthRequest leaves it, then AKSKSigner.sign, which
    // stamps X-Sdk-Date with moment and returns the signed headers. Not included: the rest of
    // processAuthRequest ({project_id} substitution, adding X-Project-Id, merging the headers
    // back), which our auth middleware's counterpart does outside the signer too.
    vendorLabel: 'vendor AKSKSigner.sign',
    vendor: () => vendorSign(),
  };
}

function acs3Scheme({ name, inputs, expected }, vendor, ours) {
  const ALGORITHM = 'ACS3-HMAC-SHA256';
  const { OpenApiUtil, TeaUtil } = vendor;
  const credentials = { accessKeyId: inputs.access_key_id, accessKeySecret: inputs.access_key_secret };
  const url = urlWithQuery(inputs.host, inputs.query);
  // the signing part of @alicloud/openapi-client doRequest for one call: the tea Request with
  // the headers it sets (user-agent left out: not signed), the empty body's hash, getAuthorization
  const vendorSign = (date, nonce) => {
    const request = new vendor.TeaRequest();
    request.protocol = 'HTTPS';
    request.method = inputs.method;
    request.pathname = inputs.pathname;
    request.query = { ...inputs.query };
    request.headers = {
      host: inputs.host,
      'x-acs-version': inputs.version,
      'x-acs-action': inputs.action,
      'x-acs-date': date,
      'x-acs-signature-nonce': nonce,
      accept: 'application/json',
    };
    const hashedPayload = OpenApiUtil.hexEncode(OpenApiUtil.hash(TeaUtil.toBytes(''), ALGORITHM));
    request.headers['x-acs-content-sha256'] = hashedPayload;
    request.headers.Authorization = OpenApiUtil.getAuthorization(request, ALGORITHM, hashedPayload, inputs.access_key_id, inputs.access_key_secret);
    return request;
  };
  const oursSign = (options) =>
    ours.signAlibabaHbrAcs3Request({ method: inputs.method, url, headers: {} }, credentials, {
      action: inputs.action,
      version: inputs.version,
      ...options,
    });

  return {
    title: `Alibaba ACS3-HMAC-SHA256, ${inputs.action} (vector ${name})`,
    canonicalRequest: expected.canonical_request,
    async checkVector() {
      assert.equal(vendorSign(inputs.date, inputs.nonce).headers.Authorization, expected.authorization, 'vendor Authorization');
      const signature = await oursSign({ date: new Date(inputs.date), nonce: inputs.nonce });
      assert.equal(signature.signature, expected.signature, 'our signature');
      assert.equal(signature.authorization, expected.authorization, 'our Authorization');
    },
    async checkLive() {
      const { headers } = vendorSign(OpenApiUtil.getTimestamp(), TeaUtil.getNonce());
      const signature = await oursSign({ date: new Date(headers['x-acs-date']), nonce: headers['x-acs-signature-nonce'] });
      assert.equal(signature.authorization, headers.Authorization, `Authorization at ${headers['x-acs-date']}`);
    },
    // ours: the public signer (URL parsing, x-acs-date from the clock, a random nonce, the empty
    // body's hash, canonical request, SHA-256, HMAC-SHA256) on the node backend
    ours: () => oursSign(),
    // vendor: vendorSign above with getTimestamp() and tea-util getNonce() (an MD5 per call),
    // as doRequest calls them
    vendorLabel: 'vendor openapi-util getAuthorization',
    vendor: () => vendorSign(OpenApiUtil.getTimestamp(), TeaUtil.getNonce()),
  };
}

function rpcScheme({ name, inputs, expected }, vendor, ours) {
  const { OpenApiUtil, TeaUtil } = vendor;
  const credentials = { accessKeyId: inputs.access_key_id, accessKeySecret: inputs.access_key_secret };
  const url = urlWithQuery(inputs.host, inputs.query);
  // the signing part of @alicloud/openapi-client doRPCRequest for one call: the query it builds
  // (same insertion order), OpenApiUtil.query of the (absent) body, getRPCSignature. The headers
  // it sets are not signed in V2 and are left out.
  const vendorSign = (timestamp, nonce) => {
    const query = { Action: inputs.action, Format: 'json', Version: inputs.version, Timestamp: timestamp, SignatureNonce: nonce, ...inputs.query };
    query.SignatureMethod = 'HMAC-SHA1';
    query.SignatureVersion = '1.0';
    query.AccessKeyId = inputs.access_key_id;
    const signedParams = { ...query, ...OpenApiUtil.query(null) };
    query.Signature = OpenApiUtil.getRPCSignature(signedParams, inputs.method, inputs.access_key_secret);
    return query;
  };
  const oursSign = (options) =>
    ours.signAlibabaHbrRpcV2Request({ method: inputs.method, url, headers: {} }, credentials, {
      action: inputs.action,
      version: inputs.version,
      ...options,
    });

  return {
    title: `Alibaba RPC V2 HMAC-SHA1, ${inputs.action} (vector ${name})`,
    // our RPC signer calls the canonicalized query string its canonical request
    canonicalRequest: expected.canonicalized_query_string,
    async checkVector() {
      assert.equal(vendorSign(inputs.timestamp, inputs.nonce).Signature, expected.signature, 'vendor Signature');
      const signature = await oursSign({ date: new Date(inputs.timestamp), nonce: inputs.nonce });
      assert.equal(signature.signature, expected.signature, 'our signature');
      assert.equal(signature.canonicalRequest, expected.canonicalized_query_string, 'our canonicalized query string');
    },
    async checkLive() {
      const query = vendorSign(OpenApiUtil.getTimestamp(), TeaUtil.getNonce());
      const signature = await oursSign({ date: new Date(query.Timestamp), nonce: query.SignatureNonce });
      assert.equal(signature.signature, query.Signature, `Signature at ${query.Timestamp}`);
    },
    // ours: the public signer (URL parsing, Timestamp from the clock, a random nonce, sorting and
    // encoding, HMAC-SHA1, the URL to send) on the node backend
    ours: () => oursSign(),
    // vendor: vendorSign above with getTimestamp() and tea-util getNonce(), as doRPCRequest calls them
    vendorLabel: 'vendor openapi-util getRPCSignature',
    vendor: () => vendorSign(OpenApiUtil.getTimestamp(), TeaUtil.getNonce()),
  };
}

// ---------------------------------------------------------------------------------------------
// Correctness, timing, report
// ---------------------------------------------------------------------------------------------

async function checkSchemes(schemes, log = console.log) {
  for (const scheme of schemes) {
    for (const [what, check] of [
      ['vector', scheme.checkVector],
      ['timed path', scheme.checkLive],
    ]) {
      try {
        await check();
      } catch (error) {
        throw new Abort(`signatures differ, ${scheme.title}, ${what}: ${error.message}`);
      }
    }
    log(`  ok  ${scheme.title}: vendor and ours give the vector's signature, and agree on the timed path`);
  }
}

/** The timed cases of one scheme; `run` may return a promise (ours do), so every case is awaited alike. */
function casesOf(scheme) {
  const canonicalRequest = scheme.canonicalRequest;
  return [
    { scheme, label: 'baseline: sha256(canonical request)', run: () => createHash('sha256').update(canonicalRequest, 'utf8').digest('hex') },
    { scheme, label: 'ours (node backend)', run: scheme.ours },
    { scheme, label: scheme.vendorLabel, run: scheme.vendor },
  ];
}

/** µs per call over `calls` calls. Our signers are async, so every case awaits each call. */
async function timeCalls(run, calls) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) await run();
  return Number(process.hrtime.bigint() - start) / 1000 / calls;
}

/** Round by round over all cases, starting each round at a different case, so load hits all alike. */
async function measure(cases, { warmupCalls = WARMUP_CALLS, rounds = ROUNDS, callsPerRound = CALLS_PER_ROUND } = {}) {
  for (const entry of cases) await timeCalls(entry.run, warmupCalls);
  const samples = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < cases.length; k++) {
      const index = (round + k) % cases.length;
      samples[index].push(await timeCalls(cases[index].run, callsPerRound));
    }
  }
  return cases.map((entry, index) => ({ ...entry, ...summarise(samples[index]) }));
}

function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0] };
}

function printTable(title, results) {
  const [baseline] = results;
  const header = ['case', 'median µs', 'min µs', '×baseline (median)', '×baseline (min)'];
  const rows = results.map((r) => [
    r.label,
    r.median.toFixed(2),
    r.min.toFixed(2),
    `×${(r.median / baseline.median).toFixed(1)}`,
    `×${(r.min / baseline.min).toFixed(1)}`,
  ]);
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
  const line = (row) => `  ${row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ')}`;
  console.log(`\n${title}\n${line(header)}\n${rows.map(line).join('\n')}`);
}

function verdict(title, results) {
  const [, ours, vendor] = results;
  const ratio = vendor.median / ours.median;
  const comparison = ratio >= 1 ? `${ratio.toFixed(1)}× faster than` : `${(1 / ratio).toFixed(1)}× slower than`;
  return `  ${title}: ours is ${comparison} the vendor signer (median)`;
}

/**
 * Installs the vendor packages if needed, checks both sides against the vectors, then times them.
 * Returns per scheme: its title, and the baseline, ours and the vendor's { label, median, min } in µs.
 */
export async function benchVendorSigners(options = {}, log = console.log) {
  installVendorPackages();
  const vendor = loadVendors();
  const ours = await loadOurs();
  const versions = Object.keys(VENDOR_PACKAGES).map((name) => `${name}@${installedVersion(name)}`);
  log(`vendor signers: ${versions.join(', ')} in ${VENDOR_DIR}`);
  const vectors = loadVectors();
  const schemes = [huaweiScheme(vectors.huawei, vendor, ours), acs3Scheme(vectors.acs3, vendor, ours), rpcScheme(vectors.rpc, vendor, ours)];
  log('correctness');
  await checkSchemes(schemes, log);
  const { warmupCalls = WARMUP_CALLS, rounds = ROUNDS, callsPerRound = CALLS_PER_ROUND } = options;
  log(`timing: ${warmupCalls} warm-up calls per case, then ${rounds} interleaved rounds of ${callsPerRound} calls; µs per call`);
  const results = await measure(schemes.flatMap(casesOf), { warmupCalls, rounds, callsPerRound });
  return schemes.map((scheme) => {
    const [baseline, oursResult, vendorResult] = results.filter((r) => r.scheme === scheme);
    const pick = ({ label, median, min }) => ({ label, median, min });
    return { title: scheme.title, versions, baseline: pick(baseline), ours: pick(oursResult), vendor: pick(vendorResult) };
  });
}

async function main() {
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  const schemes = await benchVendorSigners();
  for (const { title, baseline, ours, vendor } of schemes) printTable(title, [baseline, ours, vendor]);
  console.log('');
  for (const { title, baseline, ours, vendor } of schemes) console.log(verdict(title, [baseline, ours, vendor]));
}

// run only as a script; `npm run bench` imports benchVendorSigners
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Abort ? `\n${error.message}` : error);
    process.exitCode = 1;
  });
}
