// Credentials given as a provider: a function asked before an attempt is signed, its answer kept
// until shortly before it expires, one refresh shared by every call waiting for it.
import { CloudApiError, ClientInputError, type Vendor } from './errors.js';

/** When provided credentials stop being valid: a Date, an ISO 8601 string, or ms since the epoch. */
export type Expiration = Date | string | number;

/** Credentials as a provider answers: the fields of the auth type, and optionally when they expire. */
export type Provided<Credentials> = Credentials & {
  /** without it the provider is asked for every attempt (it may cache on its own, as `@alicloud/credentials` does) */
  expiration?: Expiration | undefined;
};

/** A function returning (or resolving to) credentials; asked before each attempt unless its last answer is still fresh. */
export type CredentialsProvider<Credentials> = () => Provided<Credentials> | Promise<Provided<Credentials>>;

/** An auth type's credentials from a provider instead of static fields. */
export type ProvidedBy<Credentials> = {
  provider: CredentialsProvider<Credentials>;
  /** how long before `expiration` an answer is refreshed; default 5 minutes */
  refreshMarginMs?: number;
} & { [Field in keyof Credentials]?: never };

export const defaultRefreshMarginMs = 5 * 60_000;

/** What every attempt signs with: the checked credentials, now. */
export type CredentialSource<Checked> = () => Promise<Checked>;

/** The ms an expiration names, or a ClientInputError naming `expiration`. */
export function readExpiration(value: unknown): number | undefined {
  // note: Date.parse of a Date or a number reads its string form, which loses milliseconds; valueOf keeps them
  const at =
    value === undefined ? undefined : typeof value === 'string' ? Date.parse(value) : value instanceof Date || typeof value === 'number' ? +value : Number.NaN;
  if (Number.isNaN(at)) throw new ClientInputError('expiration', 'must be a Date, an ISO 8601 date-time or milliseconds since the epoch');
  return at;
}

/**
 * The credentials of an auth option: its static fields (checked once, by `check`) or, when it has
 * a `provider`, that provider's answers, each checked, kept until `refreshMarginMs` before their
 * expiration by `now`. A failure rejects with a CloudApiError of kind `credentials` whose message
 * names what failed (never a value) and whose cause is the provider's own error.
 */
export function credentialSource<Checked>(
  auth: Record<string, unknown>,
  vendor: Vendor,
  check: (credentials: Record<string, unknown>, prefix: string) => Checked,
  now: () => number,
): CredentialSource<Checked> {
  const { type, provider, refreshMarginMs = defaultRefreshMarginMs, ...fields } = auth;
  if (provider === undefined) {
    const fixed = Promise.resolve(check(auth, 'auth.'));
    return () => fixed;
  }
  if (typeof provider !== 'function') throw new ClientInputError('auth.provider', 'must be a function returning the credentials');
  if (!((refreshMarginMs as number) >= 0)) throw new ClientInputError('auth.refreshMarginMs', 'must be a non-negative number of milliseconds');
  for (const field in fields) throw new ClientInputError(`auth.${field}`, 'cannot be combined with auth.provider');

  let kept: { credentials: Checked; freshUntil: number } | undefined;
  let refreshing: Promise<Checked> | undefined;

  async function refresh(): Promise<Checked> {
    let message = 'the credentials provider failed';
    try {
      const answer = await (provider as () => unknown)();
      message += ' with unusable credentials';
      if (typeof answer !== 'object' || answer === null) throw new ClientInputError('credentials', 'must be an object');
      const { expiration, ...fields } = answer as Record<string, unknown>;
      const credentials = check(fields, '');
      const expiresAt = readExpiration(expiration);
      kept = expiresAt === undefined ? undefined : { credentials, freshUntil: expiresAt - (refreshMarginMs as number) };
      return credentials;
    } catch (cause) {
      // note: only a ClientInputError's message is known to hold no value (it names the field); any other stays in the cause
      if (cause instanceof ClientInputError) message += `: ${cause.message}`;
      throw new CloudApiError({ vendor, kind: 'credentials', operationId: 'credentials', message, cause });
    }
  }

  return () => {
    if (kept && now() < kept.freshUntil) return Promise.resolve(kept.credentials);
    // concurrent calls wait for the same answer
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
}
