// The verifying mode's credentials: one section per API, each read by that API's verifier
// (from its client adapter, through the registry), so this module names no API.
import { readFileSync } from 'node:fs';
import type { SignatureVerifier, VerifierOptions } from '@cloud-backup-contracts/client';
import { verifiers as verifierFactories } from '#registry';
import { type ApiName, apiNames } from './contracts.js';

/** The credentials file's content: per API name, what that API's verifier accepts (see the README). */
export type VerifyingCredentials = Partial<Record<ApiName, unknown>>;

export interface Verifiers {
  /** the verifier of each API that has one */
  byApi: Partial<Record<ApiName, SignatureVerifier>>;
  /** APIs the registry gives no verifier: served without checks */
  unverified: ApiName[];
  /** APIs with a verifier but no section in the credentials: every request to them is refused */
  withoutCredentials: ApiName[];
}

/** A credentials object the mock cannot use; the message names the field, never a value. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly api: ApiName | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Every API's verifier, created from `credentials` (named `where` in messages). */
export function createVerifiers(credentials: unknown, options: VerifierOptions & { where?: string } = {}): Verifiers {
  const where = options.where ?? 'credentials';
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) {
    throw new CredentialsError(undefined, `${where} must be an object with a section per API (${apiNames.join(', ')})`);
  }
  for (const key of Object.keys(credentials)) {
    if (!apiNames.includes(key as ApiName))
      throw new CredentialsError(undefined, `${where} names "${key}", which is not an API the mock serves (${apiNames.join(', ')})`);
  }
  const factories = verifierFactories as Partial<Record<ApiName, (section: unknown, options?: VerifierOptions & { where?: string }) => SignatureVerifier>>;
  const result: Verifiers = { byApi: {}, unverified: [], withoutCredentials: [] };
  for (const api of apiNames) {
    const factory = factories[api];
    const section = (credentials as Record<string, unknown>)[api];
    if (!factory) {
      if (section !== undefined)
        throw new CredentialsError(api, `${where} has a section for ${api}, but the mock cannot verify its requests (no verifier in the registry)`);
      result.unverified.push(api);
      continue;
    }
    if (section === undefined) result.withoutCredentials.push(api);
    try {
      result.byApi[api] = factory(section ?? {}, { ...options, where: `${where}["${api}"]` });
    } catch (cause) {
      throw new CredentialsError(api, cause instanceof Error ? cause.message : String(cause));
    }
  }
  return result;
}

/** The parsed credentials file; a CredentialsError names the file and what is wrong, never its content. */
export function readCredentialsFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new CredentialsError(
      undefined,
      code === 'ENOENT' ? `the credentials file ${file} does not exist` : `the credentials file ${file} cannot be read (${code ?? String(cause)})`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    // note: JSON.parse's message quotes the text around the error, which may be a secret
    throw new CredentialsError(undefined, `the credentials file ${file} is not valid JSON`);
  }
}
