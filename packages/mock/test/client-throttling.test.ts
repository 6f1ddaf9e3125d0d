// The typed Alibaba client against real Prism answering the contract's documented throttling
// example (`Prefer: code=429`, `Throttling.User`): the GET is sent again up to the retry limit,
// the POST form once, and both errors say they are retryable.
import { createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';
import { describe, expect, inject, it } from 'vitest';

const statistics = { query: { SourceType: 'ECS_FILE' }, headers: { Prefer: 'code=429' } } as const;

/** The real fetch, counting what it sends, so the test sees each attempt that reached the mock. */
function countingFetch() {
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    sent.push(new Request(input, init).method);
    return globalThis.fetch(input, init);
  };
  return { sent, fetch };
}

describe('the documented throttling answer, from the shared mock', () => {
  it.each([
    { type: 'acs3' as const, call: 'getBasicStatistics' as const, want: { attempts: 3, sent: ['GET', 'GET', 'GET'] } },
    { type: 'rpc-v2' as const, call: 'getBasicStatistics' as const, want: { attempts: 3, sent: ['GET', 'GET', 'GET'] } },
    { type: 'acs3' as const, call: 'getBasicStatisticsViaPost' as const, want: { attempts: 1, sent: ['POST'] } },
    { type: 'rpc-v2' as const, call: 'getBasicStatisticsViaPost' as const, want: { attempts: 1, sent: ['POST'] } },
  ])('$call ($type) throttled: $want.attempts attempt(s), the error retryable', async ({ type, call, want }) => {
    const { urls } = inject('contractMock');
    const { sent, fetch } = countingFetch();
    const client = createAlibabaHbrClient({
      baseUrl: urls['alibaba-hbr'],
      fetch,
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      auth: { type, accessKeyId: 'LTAIthrottle', accessKeySecret: 'throttle-secret' },
    });
    const { error } = await client[call](statistics);
    expect(error).toMatchObject({ vendor: 'alibaba', kind: 'service', status: 429, code: 'Throttling.User', attempts: want.attempts, retryable: true });
    expect(sent).toEqual(want.sent);
  });
});
