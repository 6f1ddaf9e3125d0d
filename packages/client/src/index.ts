// The vendor-neutral surface; each cloud's client lives at its own entry point
// (`/huawei-vbs`, `/alibaba-hbr`) so importing one never pulls in the other.
export { CloudApiError, ClientInputError, isCloudApiError, type ErrorKind, type GenericErrorKind, type Vendor } from './core/errors.js';
export type { CredentialsProvider, Expiration, Provided, ProvidedBy } from './core/credentials-provider.js';
export type { RetryOptions } from './core/retry-policy.js';
export type { AttemptRecord, ClientLogger } from './core/attempt-log.js';
export type { AttemptInfo, ClientHooks } from './core/prepare-request.js';
export type { ApiResult, CallOptions, PageOptions, TransportOptions } from './core/types.js';
export type { ExtraHeaders, ReservedHeader } from './core/extra-headers.js';
export type { ReceivedRequest, SignatureVerifier, VerifierOptions, VerifyRefusal } from './signing/verify.js';
