// Section 3: what one call costs an app in bytes (esbuild, minified, gzip -9): a one-call program
// per client for the browser, and the vendor SDK cores for Node (they do not build for browsers).
import { join } from 'node:path';
import { bundleSize } from '../../../client/scripts/bundle-size.mjs';
import { ALTERNATIVES_DIR, ensureAlternatives } from '../alternatives.mjs';
import { heyApiClient } from '../hey-api.mjs';
import { BENCH_DIR } from '../paths.mjs';

const overOpenapiFetch = 8 * 1024;
const shareOfVendorCore = 1 / 6;
const key = `accessKeyId: 'AK', secretAccessKey: 'SK'`;

/** One program per case: create the client, make one call, print the answer. */
function programs(heyApiDir) {
  return [
    {
      name: 'openapi-fetch',
      platform: 'browser',
      resolveDir: BENCH_DIR,
      contents: `import createClient from 'openapi-fetch';
createClient({ baseUrl: 'https://vbs.cn-north-4.myhuaweicloud.com' }).GET('/v2/{project_id}/os-vendor-backup-sharing/count', { params: { path: { project_id: 'p' } } }).then(console.log);`,
    },
    {
      name: '@hey-api/openapi-ts client (huawei-vbs)',
      platform: 'browser',
      resolveDir: heyApiDir,
      contents: `import { client } from './client.gen'; import { countBackupShares } from './sdk.gen';
client.setConfig({ baseUrl: 'https://vbs.cn-north-4.myhuaweicloud.com' });
countBackupShares({ path: { project_id: 'p' } }).then(console.log);`,
    },
    {
      name: 'ours: huawei-vbs',
      platform: 'browser',
      resolveDir: BENCH_DIR,
      vendorCore: '@huaweicloud/huaweicloud-sdk-core',
      contents: `import { createHuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';
createHuaweiVbsClient({ region: 'cn-north-4', projectId: 'p', auth: { type: 'aksk', ${key} } }).countBackupShares({}).then(console.log);`,
    },
    {
      name: 'ours: alibaba-hbr',
      platform: 'browser',
      resolveDir: BENCH_DIR,
      vendorCore: '@alicloud/openapi-client',
      contents: `import { createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';
createAlibabaHbrClient({ regionId: 'cn-hangzhou', auth: { type: 'acs3', accessKeyId: 'AK', accessKeySecret: 'SK' } }).getBasicStatistics({ query: { SourceType: 'ECS_FILE' } }).then(console.log);`,
    },
    ...['@huaweicloud/huaweicloud-sdk-core', '@alicloud/openapi-client'].map((name) => ({
      name: `vendor SDK core: ${name} (node)`,
      core: name,
      platform: 'node',
      resolveDir: ALTERNATIVES_DIR,
      contents: `import * as core from '${name}'; globalThis.keep = core;`,
    })),
  ];
}

export async function size({ log = console.log } = {}) {
  ensureAlternatives(log);
  const heyApi = await heyApiClient('huawei-vbs', log);
  const measured = [];
  for (const program of programs(heyApi.dir)) {
    const { min, gzip } = await bundleSize(program);
    measured.push({ ...program, min, gzip });
  }
  const baseline = measured.find((m) => m.name === 'openapi-fetch');
  const budgets = measured
    .filter((m) => m.vendorCore)
    .flatMap((m) => {
      const core = measured.find((c) => c.core === m.vendorCore);
      const over = m.gzip - baseline.gzip;
      return [
        {
          name: `${m.name} ≤ openapi-fetch + 8 KB gzip`,
          value: over,
          limit: overOpenapiFetch,
          pass: over <= overOpenapiFetch,
          shown: `+${over} B (${m.gzip} B vs ${baseline.gzip} B)`,
        },
        {
          name: `${m.name} ≤ 1/6 of ${m.vendorCore}`,
          value: m.gzip / core.gzip,
          limit: shareOfVendorCore,
          pass: m.gzip <= core.gzip * shareOfVendorCore,
          shown: `1/${(core.gzip / m.gzip).toFixed(1)} (${m.gzip} B vs ${core.gzip} B)`,
        },
      ];
    });
  return {
    title: 'Size of a one-call program (esbuild, minified; bytes)',
    note: `browser builds of the clients, node builds of the vendor SDK cores (whole package); the vendor packages and the generator run from ${join(ALTERNATIVES_DIR, '..')}`,
    columns: ['program', 'platform', 'min B', 'min+gzip B', 'gzip vs openapi-fetch'],
    rows: measured.map((m) => [m.name, m.platform, m.min, m.gzip, `${m.gzip - baseline.gzip >= 0 ? '+' : ''}${m.gzip - baseline.gzip}`]),
    data: measured.map(({ name, platform, min, gzip }) => ({ name, platform, min, gzip })),
    budgets,
  };
}
