// A refusal of the signing time, from a real server whose clock (its `Date`) is off from the
// client's: the client takes the offset, signs anew and sends once more, whatever the method,
// and keeps the offset for later calls; a refusal with a matching clock is not sent again.
import { describe, expect, it } from 'vitest';
import { alibabaClient, type AlibabaAuthMode, alibabaStatistics, huaweiClient, type Reply, shareItem, useScriptedServer, validShareBody } from './helpers.js';

const server = useScriptedServer();
const minutes = (n: number) => n * 60_000;
const serverDate = (offsetMs: number) => ({ date: new Date(Date.now() + offsetMs).toUTCString() });

const alibabaExpired = (offsetMs: number): Reply => ({
  status: 400,
  headers: serverDate(offsetMs),
  body: { RequestId: 'R1', Code: 'InvalidTimeStamp.Expired', Message: 'Specified time stamp or date value is expired.' },
});
/** A canned reply (not a handler). */
type Canned = Extract<Reply, { status: number }>;
const huaweiRefused = (offsetMs: number): Canned => ({
  status: 401,
  headers: serverDate(offsetMs),
  body: { error_code: 'APIG.0301', error_msg: 'Incorrect IAM authentication information: signature expired', request_id: 'r' },
});

/** When the request was signed, in ms: x-acs-date, the V2 Timestamp or X-Sdk-Date. */
function signedAt(request: (typeof server.received)[number]): number {
  const sdkDate = request.headers['x-sdk-date'] as string | undefined;
  if (sdkDate) return Date.parse(sdkDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  return Date.parse((request.headers['x-acs-date'] as string | undefined) ?? request.url.searchParams.get('Timestamp')!);
}

/**
 * Replies of a server whose clock is 20 minutes ahead, refusing a request signed more than 5
 * minutes off it. The first `wave` requests are held until all of them have arrived, so each
 * was signed on the old clock before any refusal came back.
 */
function serverAhead(wave: number): Reply[] {
  const held: (() => void)[] = [];
  const judge: Reply = (request, response) => {
    const answer = () => {
      const { status, headers, body } = Math.abs(signedAt(request) - (Date.now() + minutes(20))) > minutes(5) ? huaweiRefused(minutes(20)) : huaweiListed;
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(JSON.stringify(body));
    };
    if (held.push(answer) > wave) answer();
    else if (held.length === wave) for (const release of held) release();
  };
  return Array.from({ length: 2 * wave }, () => judge);
}
const huaweiListed: Canned = { status: 200, body: { shared: [shareItem(1)] } };

describe('clock skew', () => {
  it('concurrent calls signed on the same wrong clock each get their one corrected retry', async () => {
    server.reply(...serverAhead(3));
    const client = huaweiClient(server);
    const results = await Promise.all([1, 2, 3].map(() => client.listBackupShareDetails()));
    expect(results.map(({ error }) => error)).toEqual([undefined, undefined, undefined]);
    expect(server.received.length).toBe(6);
    // the correction is set, not added up: a later call is signed on the server's clock
    server.reply(...serverAhead(1));
    expect((await client.listBackupShareDetails()).error).toBeUndefined();
    expect(server.received.length).toBe(7);
  });

  it.each<[AlibabaAuthMode]>([['acs3'], ['rpc-v2']])('Alibaba %s: corrects from the Date, re-signs and keeps the offset', async (mode) => {
    server.reply(alibabaExpired(minutes(20)), { status: 200, body: alibabaStatistics }, { status: 200, body: alibabaStatistics });
    const client = alibabaClient(server, { mode });
    expect((await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } })).error).toBeUndefined();
    expect((await client.getBasicStatistics({ query: { SourceType: 'ECS_FILE' } })).error).toBeUndefined();
    const [refused, corrected, later] = server.received.map(signedAt);
    expect(Math.abs(refused! - Date.now())).toBeLessThan(minutes(1));
    for (const at of [corrected!, later!]) expect(Math.abs(at - (Date.now() + minutes(20)))).toBeLessThan(minutes(1));
  });

  it('Huawei: sends a refused POST once more, signed on the server clock, even with retries off', async () => {
    server.reply(huaweiRefused(-minutes(20)), { status: 200, body: { shared: [] } });
    const { error } = await huaweiClient(server, { retry: false }).createBackupShares({ body: validShareBody });
    expect(error).toBeUndefined();
    expect(server.received.map((request) => request.method)).toEqual(['POST', 'POST']);
    expect(Math.abs(signedAt(server.received[1]!) - (Date.now() - minutes(20)))).toBeLessThan(minutes(1));
  });

  it.each([
    ['a refusal whose Date matches the client clock (a wrong key) is not sent again', [huaweiRefused(0)], 1],
    ['a second refusal after a correction is the result', [huaweiRefused(minutes(20)), huaweiRefused(minutes(40))], 2],
  ])('%s', async (_what, replies, attempts) => {
    server.reply(...replies, { status: 200, body: { shared: [shareItem(1)] } });
    const { error } = await huaweiClient(server).listBackupShareDetails();
    expect(error).toMatchObject({ kind: 'gateway', code: 'APIG.0301', attempts });
    expect(server.received.length).toBe(attempts);
  });

  it('starts from clockOffsetMs', async () => {
    server.reply({ status: 200, body: { shared: [] } });
    await huaweiClient(server, { clockOffsetMs: minutes(-7) }).listBackupShareDetails();
    expect(Math.abs(signedAt(server.received[0]!) - (Date.now() - minutes(7)))).toBeLessThan(minutes(1));
  });

  it('refuses a clockOffsetMs that is not a finite number, naming it', () => {
    expect(() => huaweiClient(server, { clockOffsetMs: Number.NaN })).toThrow(expect.objectContaining({ name: 'ClientInputError', field: 'clockOffsetMs' }));
  });
});
