import type { paths } from '@cloud-backup-contracts/types/huawei-vbs';
import { requireVisibleAscii } from '../signing/credentials.js';
import { requireBaseUrl, requireOptions, requirePathSegment, requireRegion, startClock } from '../core/options.js';
import type { TransportOptions } from '../core/types.js';
import { type ApiClient, createApiClient } from '../core/create-api-client.js';
import { ClientInputError } from '../core/errors.js';
import { type OptionNames, requireKnownNames, transportOptionNames } from '../core/known-options.js';
import { iteratePages } from '../core/pagination.js';
import { huaweiVbsOperations, type HuaweiVbsOperations } from '../generated/huawei-vbs.js';
import { type HuaweiAuth, huaweiAuthMiddleware } from './auth.js';
import { huaweiErrorFromResponse, huaweiRequestId, type HuaweiVbsError, isHuaweiClockRefusal } from './errors.js';
import type { HuaweiVbsRegion } from './regions.js';

export type { HuaweiAkSk, HuaweiAkSkAuth, HuaweiAuth, HuaweiToken, HuaweiTokenAuth } from './auth.js';
export type { HuaweiErrorFields, HuaweiErrorKind, HuaweiGatewayError, HuaweiServiceError, HuaweiVbsError } from './errors.js';
export { huaweiVbsRegions, type HuaweiVbsRegion } from './regions.js';
// raw-request signing, and its server side (what the contract mock's verifying mode runs)
export * from './sign.js';
export { createHuaweiVbsVerifier, type HuaweiVbsVerifierCredentials, type HuaweiVbsVerifierOptions } from './verify.js';
// the vendor-neutral errors and option types, so one import serves a caller
export * from '../index.js';

/** Where the client sends its calls: a `region`, or a full `baseUrl`, never both. */
export type HuaweiVbsEndpoint =
  | {
      /** region id, e.g. `cn-north-4`; the endpoint becomes https://vbs.<region>.myhuaweicloud.com */
      region: HuaweiVbsRegion;
      /** not with `region`: give one of them */
      baseUrl?: never;
    }
  | {
      /** a full endpoint instead of `region` (a proxy, or the contract mock) */
      baseUrl: string;
      /** not with `baseUrl`: give one of them */
      region?: never;
    };

export type HuaweiVbsClientOptions = TransportOptions &
  HuaweiVbsEndpoint & {
    /** the project every call works in; filled in as `{project_id}` */
    projectId: string;
    auth: HuaweiAuth;
  };

export type HuaweiVbsClient = ApiClient<typeof huaweiVbsOperations, HuaweiVbsOperations, paths, HuaweiVbsError>;

const optionNames = {
  ...transportOptionNames,
  region: true,
  baseUrl: true,
  projectId: true,
  auth: true,
} as const satisfies OptionNames<HuaweiVbsClientOptions>;

/** A typed client for Huawei Cloud Volume Backup Service backup sharing (API v2). */
export function createHuaweiVbsClient(options: HuaweiVbsClientOptions): HuaweiVbsClient {
  // note: the option types make the pair a compile error; JavaScript callers get this check
  requireKnownNames(requireOptions(options), optionNames);
  const { region, baseUrl, projectId, auth, clockOffsetMs } = options;
  if (region !== undefined && baseUrl !== undefined) throw new ClientInputError('baseUrl', 'cannot be combined with region; give one of them');
  if (region === undefined && baseUrl === undefined) throw new ClientInputError('region', 'is required (or give baseUrl)');
  const project = requirePathSegment(requireVisibleAscii(projectId, 'projectId'), 'projectId');
  const clock = startClock(clockOffsetMs);
  return createApiClient(huaweiVbsOperations, options, {
    vendor: 'huawei',
    baseUrl: region === undefined ? requireBaseUrl(baseUrl, 'baseUrl') : `https://vbs.${requireRegion(region, 'region')}.myhuaweicloud.com`,
    auth: huaweiAuthMiddleware(auth, project, clock),
    clock,
    isClockRefusal: isHuaweiClockRefusal,
    autoParams: () => ({ path: { project_id: project } }),
    errorFromResponse: huaweiErrorFromResponse,
    requestIdFrom: huaweiRequestId,
    iteratePages,
  });
}
