// What both front suites send: a valid call per API, to check the mock still answers after a
// hostile one.
export const token = { 'X-Auth-Token': 'token' };

export type Api = 'huawei-vbs' | 'alibaba-hbr';

/** A call each API answers 200, against the fronts at `urls`. */
export const validCall = (urls: Record<string, string>, api: Api): Promise<Response> =>
  api === 'huawei-vbs'
    ? fetch(`${urls['huawei-vbs']}/v2/p1/os-vendor-backup-sharing/count`, { headers: token, signal: AbortSignal.timeout(10_000) })
    : fetch(`${urls['alibaba-hbr']}/?Action=GetBasicStatistics&Version=2017-09-08&SourceType=ECS_FILE&Signature=x`, { signal: AbortSignal.timeout(10_000) });
