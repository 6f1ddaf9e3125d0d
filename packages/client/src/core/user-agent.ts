import { defaultUserAgent } from '#runtime';
import { ClientInputError } from './errors.js';

// visible ASCII words separated by single spaces, so the header is sent exactly as given
const productList = /^[\x21-\x7e]+( [\x21-\x7e]+)*$/;

/** The User-Agent header every request carries: the client's name, version and runtime, then the caller's suffix; none in a browser. */
export function userAgentHeader(suffix: unknown): Record<string, string> {
  if (suffix !== undefined && (typeof suffix !== 'string' || !productList.test(suffix)))
    throw new ClientInputError('userAgent', 'must be visible ASCII words separated by single spaces, e.g. "backup-reporter/1.4"');
  const own = defaultUserAgent();
  return own ? { 'User-Agent': suffix ? `${own} ${suffix}` : own } : {};
}
