import type { paths } from '@cloud-backup-contracts/types/alibaba-hbr';
import { requireBaseUrl, requireOptions, requireRegion, startClock } from '../core/options.js';
import type { TransportOptions } from '../core/types.js';
import { type ApiClient, createApiClient } from '../core/create-api-client.js';
import { ClientInputError } from '../core/errors.js';
import { type OptionNames, requireKnownNames, transportOptionNames } from '../core/known-options.js';
import { alibabaHbrOperations, type AlibabaHbrOperations } from '../generated/alibaba-hbr.js';
import { type AlibabaAuth, alibabaAuthMiddleware } from './auth.js';
import { alibabaErrorFromResponse, alibabaErrorFromSuccessBody, type AlibabaHbrError, alibabaRequestId } from './errors.js';
import type { AlibabaHbrRegion } from './regions.js';

export type { AlibabaAcs3Auth, AlibabaAuth, AlibabaKeyPair, AlibabaRpcV2Auth } from './auth.js';
export type { AlibabaErrorCode, AlibabaErrorFields, AlibabaErrorKind, AlibabaHbrError, AlibabaServiceError, AlibabaUnsuccessfulError } from './errors.js';
export { alibabaHbrRegions, type AlibabaHbrRegion } from './regions.js';
// raw-request signing, and its server side (what the contract mock's verifying mode runs)
export * from './sign.js';
export { createAlibabaHbrVerifier, type AlibabaHbrVerifierCredentials, type AlibabaHbrVerifierOptions } from './verify.js';
// the vendor-neutral errors and option types, so one import serves a caller
export * from '../index.js';

/** Where the client sends its calls: a `regionId` (and `vpc`), or a full `baseUrl`, never both. */
export type AlibabaHbrEndpoint =
  | {
      /** region id, e.g. `cn-hangzhou`; the endpoint becomes https://hbr.<regionId>.aliyuncs.com */
      regionId: AlibabaHbrRegion;
      /** use the in-VPC endpoint https://hbr-vpc.<regionId>.aliyuncs.com */
      vpc?: boolean;
      /** not with `regionId` or `vpc`: give one of them */
      baseUrl?: never;
    }
  | {
      /** a full endpoint instead of `regionId` (a proxy, or the contract mock) */
      baseUrl: string;
      /** not with `baseUrl`: give one of them */
      regionId?: never;
      /** not with `baseUrl`, which names the endpoint itself */
      vpc?: never;
    };

export type AlibabaHbrClientOptions = TransportOptions & AlibabaHbrEndpoint & { auth: AlibabaAuth };

export type AlibabaHbrClient = ApiClient<typeof alibabaHbrOperations, AlibabaHbrOperations, paths, AlibabaHbrError>;

const optionNames = { ...transportOptionNames, regionId: true, vpc: true, baseUrl: true, auth: true } as const satisfies OptionNames<AlibabaHbrClientOptions>;

function endpointOf({ baseUrl, regionId, vpc }: AlibabaHbrClientOptions): string {
  // note: the option types make these pairs a compile error; JavaScript callers get this check
  if (baseUrl !== undefined) {
    if (regionId !== undefined || vpc !== undefined) throw new ClientInputError('baseUrl', 'cannot be combined with regionId or vpc; give one of them');
    return requireBaseUrl(baseUrl, 'baseUrl');
  }
  if (regionId === undefined) throw new ClientInputError('regionId', 'is required (or give baseUrl)');
  if (vpc !== undefined && typeof vpc !== 'boolean') throw new ClientInputError('vpc', 'must be a boolean');
  return `https://hbr${vpc ? '-vpc' : ''}.${requireRegion(regionId, 'regionId')}.aliyuncs.com`;
}

/** A typed client for Alibaba Cloud Backup (HBR), API version 2017-09-08. */
export function createAlibabaHbrClient(options: AlibabaHbrClientOptions): AlibabaHbrClient {
  requireKnownNames(requireOptions(options), optionNames);
  const baseUrl = endpointOf(options);
  const clock = startClock(options.clockOffsetMs);
  const { version, middleware } = alibabaAuthMiddleware(options.auth, clock);
  return createApiClient(alibabaHbrOperations, options, {
    vendor: 'alibaba',
    baseUrl,
    auth: middleware,
    clock,
    // the service's code for a signing time outside its 15 minutes, whatever the signature version
    isClockRefusal: ({ code }) => code === 'InvalidTimeStamp.Expired',
    // the contract pins Action and Version; V3 signs them as x-acs-* headers, V2 in the query
    autoParams: ({ pinned }) => (version === 'acs3' ? { header: pinned?.header } : { query: pinned?.query }),
    errorFromResponse: alibabaErrorFromResponse,
    errorFromSuccessBody: alibabaErrorFromSuccessBody,
    requestIdFrom: alibabaRequestId,
  });
}
