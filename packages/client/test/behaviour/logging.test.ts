// The `logger` option against a real server: one line per attempt of a typed call (operation,
// method, path without the query, status, attempt, duration, request id) at the level its outcome
// calls for, and nothing secret in any line or record, raw or encoded, for every auth scheme.
import { describe, expect, it } from 'vitest';
import { type LoggedLine, leakedForms, recordingLogger, wireSecrets as secretsSeenBy } from '../support/recording-logger.js';
import {
  ALIBABA_AK,
  alibabaClient,
  alibabaStatistics,
  dropConnection,
  huaweiClient,
  PROJECT_ID,
  type Reply,
  SECRETS,
  type ScriptedServer,
  useScriptedServer,
  validShareBody,
} from './helpers.js';

const server = useScriptedServer();
const statistics = { query: { SourceType: 'ECS_FILE' } } as const;
const unavailable = { status: 503, body: { error_code: 'APIG.0201', error_msg: 'busy', request_id: 'r-503' } } as const;

type Logger = ReturnType<typeof recordingLogger>;
type Call = (server: ScriptedServer, logger: Logger) => Promise<unknown>;

const wireSecrets = () => secretsSeenBy(server.received);

const scan = (lines: LoggedLine[]) => lines.map((line) => `${line.level} ${line.message} ${JSON.stringify(line.record)}`).join('\n');

describe('one line per attempt', () => {
  it.each<[string, { given: { replies: Reply[]; call: Call }; want: Partial<LoggedLine['record'] & { level: string }>[] }]>([
    [
      'a Huawei GET answered 200',
      {
        given: {
          replies: [{ status: 200, body: { count: 1 }, headers: { 'X-Request-Id': 'hw-1' } }],
          call: (s, logger) => huaweiClient(s, { logger }).countBackupShares(),
        },
        want: [{ level: 'info', status: 200, kind: undefined, attempt: 1, requestId: 'hw-1', retrying: false }],
      },
    ],
    [
      'a Huawei GET answered 503, then 200',
      {
        given: {
          replies: [unavailable, { status: 200, body: { count: 1 }, headers: { 'X-Request-Id': 'hw-2' } }],
          call: (s, logger) => huaweiClient(s, { logger }).countBackupShares(),
        },
        want: [
          { level: 'warn', status: 503, kind: 'gateway', code: 'APIG.0201', attempt: 1, requestId: 'r-503', retrying: true },
          { level: 'info', status: 200, attempt: 2, requestId: 'hw-2', retrying: false },
        ],
      },
    ],
    [
      'a Huawei POST whose connection dropped',
      {
        given: { replies: [dropConnection], call: (s, logger) => huaweiClient(s, { logger }).createBackupShares({ body: validShareBody }) },
        want: [{ level: 'error', status: undefined, kind: 'network', attempt: 1, retrying: false }],
      },
    ],
    [
      'an Alibaba RPC V2 GET with an STS token, throttled then answered',
      {
        given: {
          replies: [
            { status: 400, body: { Code: 'Throttling.User', RequestId: 'ali-t' } },
            { status: 200, body: alibabaStatistics },
          ],
          call: (s, logger) => alibabaClient(s, { logger, mode: 'rpc-v2', sts: true }).getBasicStatistics(statistics),
        },
        want: [
          { level: 'warn', status: 400, kind: 'service', code: 'Throttling.User', attempt: 1, requestId: 'ali-t', retrying: true },
          { level: 'info', status: 200, attempt: 2, requestId: alibabaStatistics.RequestId },
        ],
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    server.reply(...given.replies);
    const logger = recordingLogger();
    await given.call(server, logger);
    expect(logger.lines.map(({ level, record }) => ({ level, ...record }))).toMatchObject(want);
    for (const { message, record } of logger.lines) {
      expect(record.durationMs).toBeGreaterThanOrEqual(0);
      expect(message).toContain(`${record.operationId} ${record.method} ${record.path}`);
      expect(message).toContain(`attempt ${record.attempt}`);
      if (record.requestId) expect(message).toContain(record.requestId);
      // the path the request went to, never its query
      expect(record.path).toBe(server.received[record.attempt - 1]!.url.pathname);
    }
  });

  it('the path is the one sent: the project filled in, no query', async () => {
    server.reply({ status: 200, body: { count: 1 } });
    const logger = recordingLogger();
    await huaweiClient(server, { logger }).countBackupShares({ query: { name: 'nightly' } });
    expect(logger.lines[0]!.record.path).toBe(`/v2/${PROJECT_ID}/os-vendor-backup-sharing/count`);
    expect(logger.lines[0]!.message).not.toContain('nightly');
  });

  it('a logger with only some levels gets only those', async () => {
    server.reply(unavailable, { status: 200, body: { count: 1 } });
    const warnings: string[] = [];
    await huaweiClient(server, { logger: { warn: (line) => warnings.push(line) } }).countBackupShares();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^countBackupShares GET \/v2\/.+\/count -> 503 gateway APIG\.0201, attempt 1, \d+ ms, request id r-503, retrying$/);
  });
});

describe('nothing secret is logged, at any level, for any scheme', () => {
  const failing: Reply[] = [unavailable, { status: 403, body: { Code: 'Forbidden.RAM', RequestId: 'x' } }, dropConnection];
  it.each<[string, Call]>([
    ['Huawei token', (s, logger) => huaweiClient(s, { logger, mode: 'token' }).countBackupShares({ query: { name: 'x' } })],
    ['Huawei AK/SK', (s, logger) => huaweiClient(s, { logger }).countBackupShares({ query: { name: 'x' } })],
    ['Alibaba ACS3 + STS', (s, logger) => alibabaClient(s, { logger, sts: true }).getBasicStatistics(statistics)],
    ['Alibaba RPC V2 + STS', (s, logger) => alibabaClient(s, { logger, mode: 'rpc-v2', sts: true }).getBasicStatistics(statistics)],
    ['Alibaba RPC V2 + STS, POST', (s, logger) => alibabaClient(s, { logger, mode: 'rpc-v2', sts: true }).getBasicStatisticsViaPost(statistics)],
  ])('%s: success, then failures of each kind', async (_name, call) => {
    const logger = recordingLogger();
    for (const reply of [{ status: 200, body: { count: 1, ...alibabaStatistics } }, ...failing]) {
      server.reply(reply, reply, reply);
      await call(server, logger);
    }
    expect(logger.lines.length).toBeGreaterThanOrEqual(4);
    const secrets = [...SECRETS, ...wireSecrets()];
    expect(wireSecrets().length).toBeGreaterThan(0);
    expect(leakedForms(scan(logger.lines), secrets)).toEqual([]);
    // the key id is not secret, but the V2 query that carries it is never logged either
    expect(scan(logger.lines)).not.toContain(`AccessKeyId=${ALIBABA_AK}`);
  });
});
