// An adapter for Alibaba's own credential library, so its whole chain (profiles, OIDC/RRSA, RAM
// role ARN, ECS RAM role, credentials URI) serves the client instead of being re-implemented here.
import type { AlibabaKeyPair } from '../alibaba-hbr/auth.js';
import type { CredentialsProvider } from '../core/credentials-provider.js';

/** What the adapter uses of an `@alicloud/credentials` Credential (structural, so the library stays optional). */
export interface AlibabaCredentialClient {
  getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
}

/**
 * A provider over `new Credential(config)` of `@alicloud/credentials`: each attempt asks its
 * `getCredential()`, which caches and refreshes on its own (15 minutes before expiry). Its
 * failures come back with what they quote withheld (see `withoutQuotes`).
 */
export function fromAlibabaCredentialClient(credential: AlibabaCredentialClient): CredentialsProvider<AlibabaKeyPair> {
  return async () => {
    let answer: Awaited<ReturnType<AlibabaCredentialClient['getCredential']>>;
    try {
      answer = await credential.getCredential();
    } catch (error) {
      throw withoutQuotes(error);
    }
    const { accessKeyId, accessKeySecret, securityToken } = answer;
    // an empty token means plain keys there
    return { accessKeyId: accessKeyId as string, accessKeySecret: accessKeySecret as string, securityToken: securityToken || undefined };
  };
}

// where the library starts quoting: "…: <text>" or "… = <text>" (a status such as "httpStatus: 500," stays), or a JSON value
const quoteStart = /(?::|\s=)\s(?!\d+(?:,|\.?$))|[{[]/;
// a URL's query and fragment, which can carry a token
const urlTail = /(https?:\/\/[^\s?#'"]+)[?#][^\s'"]*/g;

/**
 * The library's error, cut where it starts quoting: several of its messages carry a server's
 * whole answer or a whole file (a credentials URI's JSON with its AccessKeySecret, the aliyun
 * CLI's config with every profile's secret). The original is not kept as `cause` for that reason.
 */
function withoutQuotes(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const start = quoteStart.exec(message);
  const kept = (start ? `${message.slice(0, start.index + start[0].length).trimEnd()} …` : message).replace(urlTail, '$1?…');
  return new Error(`@alicloud/credentials: ${kept}${start ? ' (the rest is withheld: it can quote secrets)' : ''}`);
}
