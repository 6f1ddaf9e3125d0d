import createClient from 'openapi-fetch';
import type { paths } from '@cloud-backup-contracts/types/alibaba-hbr';
import { requireBaseUrl, requireRegion, resolveTransport, type TransportOptions, type VendorAdapter } from '../core/client-context.js';
import { type ApiClient, createApiClient } from '../core/create-api-client.js';
import { ClientInputError } from '../core/errors.js';
import type { OperationSpec } from '../core/operation-table.js';
import { alibabaHbrOperations, type AlibabaHbrOperations } from '../generated/alibaba-hbr.js';
import { type AlibabaAuth, alibabaAuthMiddleware } from './auth.js';
import { alibabaErrorFromResponse, alibabaErrorFromSuccessBody, type AlibabaHbrError } from './errors.js';
import type { AlibabaHbrRegion } from './regions.js';

export type { AlibabaAcs3Auth, AlibabaAuth, AlibabaRpcV2Auth } from './auth.js';
export type { AlibabaErrorCode, AlibabaHbrError, AlibabaServiceError, AlibabaUnsuccessfulError } from './errors.js';
export { alibabaHbrRegions, type AlibabaHbrRegion } from './regions.js';
export { CloudApiError, ClientInputError, isCloudApiError, type ErrorKind } from '../core/errors.js';
export type { ApiResult } from '../core/result.js';
export type { RetryOptions } from '../core/retry.js';
export type { CallOptions } from '../core/call-operation.js';

export interface AlibabaHbrClientOptions extends TransportOptions {
  /** region id, e.g. `cn-hangzhou`; the endpoint becomes https://hbr.<regionId>.aliyuncs.com */
  regionId?: AlibabaHbrRegion;
  /** use the in-VPC endpoint https://hbr-vpc.<regionId>.aliyuncs.com */
  vpc?: boolean;
  /** a full endpoint instead of `regionId` (a proxy, or the contract mock) */
  baseUrl?: string;
  auth: AlibabaAuth;
}

/** Action and Version are the client's to send, in the form the signature version uses. */
type AlibabaAutoFilled = { path: never; query: 'Action' | 'Version'; header: 'x-acs-action' | 'x-acs-version' };

export type AlibabaHbrClient = ApiClient<typeof alibabaHbrOperations, AlibabaHbrOperations, paths, AlibabaAutoFilled, AlibabaHbrError>;

// note: the contract pins Action and Version as single-value enums on each operation
function pinnedValue(spec: OperationSpec, location: 'query' | 'header', name: string): string | undefined {
  const value = spec.parameters.find((p) => p.in === location && p.name === name)?.schema.enum?.[0];
  return typeof value === 'string' ? value : undefined;
}

function endpointOf(options: AlibabaHbrClientOptions): string {
  if (options.baseUrl !== undefined) {
    if (options.regionId !== undefined || options.vpc !== undefined) throw new ClientInputError('baseUrl', 'cannot be combined with regionId or vpc; give one of them');
    return requireBaseUrl(options.baseUrl, 'baseUrl');
  }
  if (options.regionId === undefined) throw new ClientInputError('regionId', 'is required (or give baseUrl)');
  if (options.vpc !== undefined && typeof options.vpc !== 'boolean') throw new ClientInputError('vpc', 'must be a boolean');
  return `https://hbr${options.vpc ? '-vpc' : ''}.${requireRegion(options.regionId, 'regionId')}.aliyuncs.com`;
}

/** A typed client for Alibaba Cloud Backup (HBR), API version 2017-09-08. */
export function createAlibabaHbrClient(options: AlibabaHbrClientOptions): AlibabaHbrClient {
  if (typeof options !== 'object' || options === null) throw new ClientInputError('options', 'must be an object');
  const baseUrl = endpointOf(options);
  const { version, middleware } = alibabaAuthMiddleware(options.auth);
  const transport = resolveTransport(options);

  const http = createClient<paths>({ baseUrl, fetch: transport.fetch });
  http.use(middleware);
  const adapter: VendorAdapter = {
    vendor: 'alibaba',
    reservedParams: { query: ['Action', 'Version'], header: ['x-acs-action', 'x-acs-version'] },
    // V3 signs Action/Version as headers; V2 carries them in the signed query
    autoParams: (spec) =>
      version === 'acs3'
        ? { header: { 'x-acs-action': pinnedValue(spec, 'header', 'x-acs-action')!, 'x-acs-version': pinnedValue(spec, 'header', 'x-acs-version')! } }
        : { query: { Action: pinnedValue(spec, 'query', 'Action')!, Version: pinnedValue(spec, 'query', 'Version')! } },
    errorFromResponse: alibabaErrorFromResponse,
    errorFromSuccessBody: alibabaErrorFromSuccessBody,
  };
  return createApiClient(alibabaHbrOperations, { adapter, http, timeoutMs: transport.timeoutMs, retry: transport.retry });
}
