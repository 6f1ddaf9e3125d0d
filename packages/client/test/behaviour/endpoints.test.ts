// The endpoint a client reaches when the caller gives a region instead of baseUrl. The expected
// hosts are written out from the vendors' documents (../shared/api-notes.md): Huawei
// https://vbs.{region}.myhuaweicloud.com, Alibaba https://hbr.{RegionId}.aliyuncs.com and, in a
// VPC, https://hbr-vpc.{RegionId}.aliyuncs.com. Each request really goes out: a fetch hands it,
// with its Host header intact, to a local server, which records it and checks the signature
// (the host is signed) with the reference signer.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { alibabaHbrRegions, createAlibabaHbrClient } from '../../src/alibaba-hbr/index.js';
import { createHuaweiVbsClient, huaweiVbsRegions } from '../../src/huawei-vbs/index.js';
import {
  ALIBABA_AK,
  ALIBABA_SECRET,
  alibabaStatistics,
  HUAWEI_AK,
  HUAWEI_SK,
  PROJECT_ID,
  recomputeAcs3,
  recomputeHuawei,
  useScriptedServer,
} from './helpers.js';

const server = useScriptedServer();

// region -> host, for every region the client lists and one it does not know
const huaweiHosts: [region: string, host: string][] = [
  ['cn-north-4', 'vbs.cn-north-4.myhuaweicloud.com'],
  ['cn-north-1', 'vbs.cn-north-1.myhuaweicloud.com'],
  ['cn-north-9', 'vbs.cn-north-9.myhuaweicloud.com'],
  ['cn-east-3', 'vbs.cn-east-3.myhuaweicloud.com'],
  ['cn-east-2', 'vbs.cn-east-2.myhuaweicloud.com'],
  ['cn-south-1', 'vbs.cn-south-1.myhuaweicloud.com'],
  ['cn-southwest-2', 'vbs.cn-southwest-2.myhuaweicloud.com'],
  ['ap-southeast-1', 'vbs.ap-southeast-1.myhuaweicloud.com'],
  ['ap-southeast-2', 'vbs.ap-southeast-2.myhuaweicloud.com'],
  ['ap-southeast-3', 'vbs.ap-southeast-3.myhuaweicloud.com'],
  ['ap-southeast-4', 'vbs.ap-southeast-4.myhuaweicloud.com'],
  ['af-south-1', 'vbs.af-south-1.myhuaweicloud.com'],
  ['la-north-2', 'vbs.la-north-2.myhuaweicloud.com'],
  ['la-south-2', 'vbs.la-south-2.myhuaweicloud.com'],
  ['sa-brazil-1', 'vbs.sa-brazil-1.myhuaweicloud.com'],
  ['tr-west-1', 'vbs.tr-west-1.myhuaweicloud.com'],
  ['me-east-1', 'vbs.me-east-1.myhuaweicloud.com'],
  ['eu-west-101', 'vbs.eu-west-101.myhuaweicloud.com'],
  ['xx-unlisted-7', 'vbs.xx-unlisted-7.myhuaweicloud.com'],
];

// region -> [public host, VPC host]
const alibabaHosts: [region: string, publicHost: string, vpcHost: string][] = [
  ['cn-hangzhou', 'hbr.cn-hangzhou.aliyuncs.com', 'hbr-vpc.cn-hangzhou.aliyuncs.com'],
  ['cn-shanghai', 'hbr.cn-shanghai.aliyuncs.com', 'hbr-vpc.cn-shanghai.aliyuncs.com'],
  ['cn-beijing', 'hbr.cn-beijing.aliyuncs.com', 'hbr-vpc.cn-beijing.aliyuncs.com'],
  ['cn-shenzhen', 'hbr.cn-shenzhen.aliyuncs.com', 'hbr-vpc.cn-shenzhen.aliyuncs.com'],
  ['cn-qingdao', 'hbr.cn-qingdao.aliyuncs.com', 'hbr-vpc.cn-qingdao.aliyuncs.com'],
  ['cn-zhangjiakou', 'hbr.cn-zhangjiakou.aliyuncs.com', 'hbr-vpc.cn-zhangjiakou.aliyuncs.com'],
  ['cn-huhehaote', 'hbr.cn-huhehaote.aliyuncs.com', 'hbr-vpc.cn-huhehaote.aliyuncs.com'],
  ['cn-wulanchabu', 'hbr.cn-wulanchabu.aliyuncs.com', 'hbr-vpc.cn-wulanchabu.aliyuncs.com'],
  ['cn-chengdu', 'hbr.cn-chengdu.aliyuncs.com', 'hbr-vpc.cn-chengdu.aliyuncs.com'],
  ['cn-hongkong', 'hbr.cn-hongkong.aliyuncs.com', 'hbr-vpc.cn-hongkong.aliyuncs.com'],
  ['ap-southeast-1', 'hbr.ap-southeast-1.aliyuncs.com', 'hbr-vpc.ap-southeast-1.aliyuncs.com'],
  ['ap-southeast-3', 'hbr.ap-southeast-3.aliyuncs.com', 'hbr-vpc.ap-southeast-3.aliyuncs.com'],
  ['ap-southeast-5', 'hbr.ap-southeast-5.aliyuncs.com', 'hbr-vpc.ap-southeast-5.aliyuncs.com'],
  ['ap-northeast-1', 'hbr.ap-northeast-1.aliyuncs.com', 'hbr-vpc.ap-northeast-1.aliyuncs.com'],
  ['ap-south-1', 'hbr.ap-south-1.aliyuncs.com', 'hbr-vpc.ap-south-1.aliyuncs.com'],
  ['eu-central-1', 'hbr.eu-central-1.aliyuncs.com', 'hbr-vpc.eu-central-1.aliyuncs.com'],
  ['eu-west-1', 'hbr.eu-west-1.aliyuncs.com', 'hbr-vpc.eu-west-1.aliyuncs.com'],
  ['us-west-1', 'hbr.us-west-1.aliyuncs.com', 'hbr-vpc.us-west-1.aliyuncs.com'],
  ['us-east-1', 'hbr.us-east-1.aliyuncs.com', 'hbr-vpc.us-east-1.aliyuncs.com'],
  ['me-east-1', 'hbr.me-east-1.aliyuncs.com', 'hbr-vpc.me-east-1.aliyuncs.com'],
  ['xx-unlisted-7', 'hbr.xx-unlisted-7.aliyuncs.com', 'hbr-vpc.xx-unlisted-7.aliyuncs.com'],
];

/** A fetch that sends each request to the local server instead, Host header kept; `urls` records where it was headed. */
function redirectToServer() {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    urls.push(request.url);
    const { host, pathname, search } = new URL(request.url);
    const body = Buffer.from(await request.arrayBuffer());
    // note: node:http, since fetch replaces any Host header with the URL's
    const headers = { ...Object.fromEntries(request.headers), host, 'content-length': String(body.length) };
    return new Promise<Response>((resolve, reject) => {
      const forwarded = httpRequest(`${server.baseUrl}${pathname}${search}`, { method: request.method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve(new Response(Buffer.concat(chunks), { status: response.statusCode, headers: response.headers as Record<string, string> })),
        );
      });
      forwarded.on('error', reject);
      forwarded.end(body);
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, urls };
}

describe('the table covers every listed region', () => {
  it.each([
    ['Huawei', huaweiVbsRegions, huaweiHosts.map(([region]) => region)],
    ['Alibaba', alibabaHbrRegions, alibabaHosts.map(([region]) => region)],
  ])('%s', (_vendor, listed, table) => {
    for (const region of listed) expect(table).toContain(region);
  });
});

describe('Huawei: region -> https://vbs.<region>.myhuaweicloud.com', () => {
  it.each(huaweiHosts)('%s reaches %s', async (region, host) => {
    const { fetch, urls } = redirectToServer();
    const client = createHuaweiVbsClient({ region, projectId: PROJECT_ID, auth: { type: 'aksk', accessKeyId: HUAWEI_AK, secretAccessKey: HUAWEI_SK }, fetch });
    server.reply({ status: 200, body: { count: 0 } });
    expect((await client.countBackupShares()).error).toBeUndefined();
    expect(urls).toEqual([`https://${host}/v2/${PROJECT_ID}/os-vendor-backup-sharing/count`]);
    const [request] = server.received;
    expect(request!.headers.host).toBe(host);
    expect(await recomputeHuawei(request!)).toBe(request!.headers.authorization);
  });
});

describe('Alibaba: regionId -> https://hbr.<regionId>.aliyuncs.com, in a VPC https://hbr-vpc.<regionId>.aliyuncs.com', () => {
  const cases = alibabaHosts.flatMap(([region, publicHost, vpcHost]) => [
    [region, undefined, publicHost] as const,
    [region, false, publicHost] as const,
    [region, true, vpcHost] as const,
  ]);
  it.each(cases)('%s with vpc %s reaches %s', async (regionId, vpc, host) => {
    const { fetch, urls } = redirectToServer();
    const auth = { type: 'acs3', accessKeyId: ALIBABA_AK, accessKeySecret: ALIBABA_SECRET } as const;
    const client = createAlibabaHbrClient({ regionId, ...(vpc === undefined ? {} : { vpc }), auth, fetch });
    server.reply({ status: 200, body: alibabaStatistics });
    expect((await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } })).error).toBeUndefined();
    expect(urls).toEqual([`https://${host}/?SourceType=ECS_FILE`]);
    const [request] = server.received;
    expect(request!.headers.host).toBe(host);
    expect(await recomputeAcs3(request!)).toBe(request!.headers.authorization);
  });
});
