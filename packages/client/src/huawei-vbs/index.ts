import createClient from 'openapi-fetch';
import type { paths } from '@cloud-backup-contracts/types/huawei-vbs';
import { requireBaseUrl, requireHeaderSafe, requireRegion, resolveTransport, type TransportOptions, type VendorAdapter } from '../core/client-context.js';
import { type ApiClient, createApiClient } from '../core/create-api-client.js';
import { ClientInputError } from '../core/errors.js';
import { huaweiVbsOperations, type HuaweiVbsOperations } from '../generated/huawei-vbs.js';
import { type HuaweiAuth, huaweiAuthMiddleware } from './auth.js';
import { huaweiErrorFromResponse, type HuaweiVbsError } from './errors.js';
import type { HuaweiVbsRegion } from './regions.js';

export type { HuaweiAkSkAuth, HuaweiAuth, HuaweiTokenAuth } from './auth.js';
export type { HuaweiGatewayError, HuaweiServiceError, HuaweiVbsError } from './errors.js';
export { huaweiVbsRegions, type HuaweiVbsRegion } from './regions.js';
export { CloudApiError, ClientInputError, isCloudApiError, type ErrorKind } from '../core/errors.js';
export type { ApiResult } from '../core/result.js';
export type { RetryOptions } from '../core/retry.js';
export type { PageOptions } from '../core/pagination.js';
export type { CallOptions } from '../core/call-operation.js';

export interface HuaweiVbsClientOptions extends TransportOptions {
  /** region id, e.g. `cn-north-4`; the endpoint becomes https://vbs.<region>.myhuaweicloud.com */
  region?: HuaweiVbsRegion;
  /** a full endpoint instead of `region` (a proxy, or the contract mock) */
  baseUrl?: string;
  /** the project every call works in; filled in as `{project_id}` */
  projectId: string;
  auth: HuaweiAuth;
}

/** Names the client fills in, so callers never pass them. */
type HuaweiAutoFilled = { path: 'project_id'; query: never; header: never };

export type HuaweiVbsClient = ApiClient<typeof huaweiVbsOperations, HuaweiVbsOperations, paths, HuaweiAutoFilled, HuaweiVbsError>;

/** A typed client for Huawei Cloud Volume Backup Service backup sharing (API v2). */
export function createHuaweiVbsClient(options: HuaweiVbsClientOptions): HuaweiVbsClient {
  if (typeof options !== 'object' || options === null) throw new ClientInputError('options', 'must be an object');
  if (options.region !== undefined && options.baseUrl !== undefined) throw new ClientInputError('baseUrl', 'cannot be combined with region; give one of them');
  const baseUrl =
    options.baseUrl !== undefined
      ? requireBaseUrl(options.baseUrl, 'baseUrl')
      : options.region !== undefined
        ? `https://vbs.${requireRegion(options.region, 'region')}.myhuaweicloud.com`
        : (() => {
            throw new ClientInputError('region', 'is required (or give baseUrl)');
          })();
  const projectId = requireHeaderSafe(options.projectId, 'projectId');
  const auth = huaweiAuthMiddleware(options.auth, projectId);
  const transport = resolveTransport(options);

  const http = createClient<paths>({ baseUrl, fetch: transport.fetch });
  http.use(auth);
  const adapter: VendorAdapter = {
    vendor: 'huawei',
    reservedParams: { path: ['project_id'] },
    autoParams: () => ({ path: { project_id: projectId } }),
    errorFromResponse: huaweiErrorFromResponse,
  };
  return createApiClient(huaweiVbsOperations, { adapter, http, timeoutMs: transport.timeoutMs, retry: transport.retry });
}
