// The vendor-neutral surface; each cloud's client lives at its own entry point
// (`/huawei-vbs`, `/alibaba-hbr`) so importing one never pulls in the other.
export { CloudApiError, ClientInputError, isCloudApiError, type ErrorKind, type GenericErrorKind, type Vendor } from './core/errors.js';
export type { ApiResult } from './core/result.js';
export type { RetryOptions } from './core/retry.js';
export type { PageOptions } from './core/pagination.js';
export type { CallOptions } from './core/call-operation.js';
export type { ExtraHeaders, ReservedHeader } from './core/extra-headers.js';
export type { TransportOptions } from './core/client-context.js';
export type { ReceivedRequest, SignatureVerifier, VerifierOptions, VerifyRefusal } from './signing/verify.js';
