// A vendor adapter with no signing and no filled-in parameters, for clients built straight from a
// hand-written or freshly generated operation table; errors are read the Huawei way.
import { huaweiErrorFromResponse, huaweiRequestId } from '../../src/huawei-vbs/errors.js';

export const plainAdapter = (baseUrl: string) => ({
  vendor: 'huawei' as const,
  baseUrl,
  auth: { onRequest: () => undefined },
  autoParams: () => ({}),
  errorFromResponse: huaweiErrorFromResponse,
  requestIdFrom: huaweiRequestId,
});
