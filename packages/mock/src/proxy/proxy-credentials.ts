// The credentials file in proxy mode: each API's section holds its `upstream` entry (the keys
// requests are re-signed with, shaped like the typed client's `auth` option) beside, for
// `--verify-signatures`, the keys callers sign with (the verifying mode's fields).
import { ClientInputError } from '@cloud-backup-contracts/client';
import { CredentialsError } from '../credentials.js';
import { type ApiName, apiNames } from '../contracts.js';
import { createResigner, type Resigner } from './resign.js';

/** The section of each API with its `upstream` entry taken out: what the verifying mode reads. */
export function callerCredentials(credentials: unknown): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  for (const [api, section] of Object.entries(credentials as Record<string, unknown>)) {
    if (typeof section !== 'object' || section === null || Array.isArray(section)) {
      sections[api] = section;
      continue;
    }
    const { upstream: _upstream, ...rest } = section as Record<string, unknown>;
    // a section that only re-signs verifies nothing: the API stays without callers' keys
    if (Object.keys(rest).length > 0 || !('upstream' in section)) sections[api] = rest;
  }
  return sections;
}

/** The re-signer of each proxied API, from its section's `upstream` entry; a CredentialsError names the field, never a value. */
export async function upstreamResigners(credentials: unknown, proxied: readonly ApiName[], where = 'credentials'): Promise<Partial<Record<ApiName, Resigner>>> {
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials))
    throw new CredentialsError(undefined, `${where} must be an object with a section per API (${apiNames.join(', ')})`);
  const resigners: Partial<Record<ApiName, Resigner>> = {};
  for (const api of proxied) {
    const section = (credentials as Record<string, unknown>)[api] as Record<string, unknown> | undefined;
    if (section?.upstream === undefined)
      throw new CredentialsError(api, `${where}["${api}"].upstream is required to proxy ${api}: the keys requests are re-signed with for the upstream`);
    try {
      resigners[api] = await createResigner(section.upstream, `${where}["${api}"].upstream`);
    } catch (error) {
      throw error instanceof ClientInputError ? new CredentialsError(api, error.message) : error;
    }
  }
  return resigners;
}
