// Where a proxy forwards: an https:// URL, or http:// to this machine only, since the
// re-signed requests carry real credentials and the answers are trusted as the service's.
import { isIP } from 'node:net';

/** A loopback host name or address (`localhost`, 127.0.0.0/8, ::1). */
export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** The upstream URL, checked; throws an Error whose message names `from` and what is wrong. */
export function readUpstreamUrl(text: string, from: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${from} must be an absolute URL, got "${text}"`);
  }
  if (url.username || url.password) throw new Error(`${from} must not carry credentials in the URL (put them in the credentials file)`);
  if (url.search || url.hash) throw new Error(`${from} must not have a query or fragment`);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  throw new Error(`${from} must be an https:// URL (http:// only to a loopback address), got ${url.protocol}//${url.host}`);
}
