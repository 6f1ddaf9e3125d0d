// Section 1: what each client costs per call against a local HTTP server that answers at once,
// so the client is what is measured. Every case makes the same Huawei "count shares" call;
// rounds interleave the cases so background load hits them alike.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createHuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';
import createClient from 'openapi-fetch';
import { heyApiClient } from '../hey-api.mjs';
import { median, quantile } from '../stats.mjs';

const projectId = '0605767c3f00d5762fa8c0147ee18d02';
const path = `/v2/${projectId}/os-vendor-backup-sharing/count`;
const templatePath = '/v2/{project_id}/os-vendor-backup-sharing/count';
const token = 'bench-token';

function startServer() {
  const body = JSON.stringify({ count: 3 });
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function cases(baseUrl, log) {
  const openapiFetch = createClient({ baseUrl });
  const heyApi = await import(pathToFileURL((await heyApiClient('huawei-vbs', log)).moduleFile).href);
  heyApi.client.setConfig({ baseUrl });
  const unsigned = createHuaweiVbsClient({ baseUrl, projectId, auth: { type: 'token', token } });
  const signed = createHuaweiVbsClient({ baseUrl, projectId, auth: { type: 'aksk', accessKeyId: 'BENCHAK', secretAccessKey: 'bench-secret' } });
  const expectCount = (data) => {
    if (data?.count !== 3) throw new Error(`unexpected answer ${JSON.stringify(data)}`);
  };
  return [
    {
      name: 'raw fetch',
      call: async () => {
        const response = await fetch(`${baseUrl}${path}`, { headers: { 'x-auth-token': token } });
        expectCount(await response.json());
      },
    },
    {
      name: 'openapi-fetch',
      call: async () =>
        expectCount((await openapiFetch.GET(templatePath, { params: { path: { project_id: projectId } }, headers: { 'x-auth-token': token } })).data),
    },
    {
      name: '@hey-api/openapi-ts client',
      call: async () => expectCount((await heyApi.countBackupShares({ path: { project_id: projectId }, headers: { 'x-auth-token': token } })).data),
    },
    { name: 'ours, unsigned (token)', call: async () => expectCount((await unsigned.countBackupShares({})).data) },
    { name: 'ours, signed (SDK-HMAC-SHA256)', call: async () => expectCount((await signed.countBackupShares({})).data) },
  ];
}

export async function overhead({ rounds = 10, callsPerRound = 500, log = console.log } = {}) {
  const server = await startServer();
  try {
    const list = await cases(`http://127.0.0.1:${server.address().port}`, log);
    for (const { call } of list) for (let i = 0; i < callsPerRound; i++) await call();
    const samples = list.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < list.length; k++) {
        const index = (round + k) % list.length;
        for (let i = 0; i < callsPerRound; i++) {
          const start = process.hrtime.bigint();
          await list[index].call();
          samples[index].push(Number(process.hrtime.bigint() - start) / 1000);
        }
      }
    }
    const raw = median(samples[0]);
    const rows = list.map(({ name }, index) => {
      const m = median(samples[index]);
      return { case: name, calls: samples[index].length, medianUs: m, p99Us: quantile(samples[index], 0.99), vsRawFetch: m / raw };
    });
    const unsigned = rows.find((row) => row.case.startsWith('ours, unsigned'));
    const heyApi = rows.find((row) => row.case.startsWith('@hey-api'));
    const vsHeyApi = unsigned.medianUs / heyApi.medianUs;
    // the generated client users would pick instead does the same work without our checks
    const budgets = [
      {
        name: 'ours unsigned within 10 % of the @hey-api/openapi-ts client (median)',
        value: vsHeyApi,
        limit: 1.1,
        pass: vsHeyApi <= 1.1,
        shown: `×${vsHeyApi.toFixed(2)} (${unsigned.medianUs.toFixed(0)} µs vs ${heyApi.medianUs.toFixed(0)} µs)`,
      },
    ];
    return {
      title: 'Client overhead (local HTTP server, µs per call)',
      note: `${rounds} interleaved rounds of ${callsPerRound} calls per case after ${callsPerRound} warm-up calls; the same Huawei "count shares" call`,
      columns: ['case', 'calls', 'median µs', 'p99 µs', '× raw fetch'],
      rows: rows.map((r) => [r.case, r.calls, r.medianUs.toFixed(1), r.p99Us.toFixed(1), `×${r.vsRawFetch.toFixed(2)}`]),
      data: rows,
      budgets,
    };
  } finally {
    server.close();
  }
}
