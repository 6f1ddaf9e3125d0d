// The API registry: the `apis` map of the workspace's redocly.yaml, where each entry's
// `x-registry` block holds what the rest of the repo needs to know about that API. Every
// generator, script and test reads the list of APIs from here, so adding one is a spec folder,
// a client adapter folder and one entry. Plain ESM with JSDoc types, so bare `node` can run it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { workspaceRootAbove } from './workspace-root.mjs';

/**
 * @typedef {object} ApiEntry
 * @property {string} name the registry key, e.g. `backup-api`; names the spec, types and client entry points
 * @property {string} label short name in navigation, e.g. `Backup API`
 * @property {string} title title of the API's reference page
 * @property {string} root absolute path of the hand-written contract's entry file
 * @property {string} bundle absolute path of the bundled contract (`output` in redocly.yaml)
 * @property {string} client name of the client factory the adapter folder exports
 * @property {{ port: number, verifier?: string }} mock default port; `verifier`, when the API has one, names the request verifier its client adapter exports (the mock's
 *   `--verify-signatures` mode)
 * @property {ApiSamples} [samples] what the docs' code samples need beside the contract; the docs
 *   build requires it
 */

/**
 * @typedef {object} ApiSamples
 * @property {Record<string, unknown>} client the client factory's options besides `baseUrl`, with
 *   placeholder credentials the plain mock accepts
 * @property {Record<string, string>} credentials a placeholder value per security scheme of the
 *   contract; a curl sample sends the first security requirement whose schemes all have one
 * @property {string} [note] what the curl samples say about their placeholder credentials
 */

/** A registry entry that is missing or malformed; `field` is the path of the offending key. */
export class RegistryError extends Error {
  /**
   * @param {string} field
   * @param {string} problem
   */
  constructor(field, problem) {
    super(`${field} ${problem}`);
    this.name = 'RegistryError';
    this.field = field;
  }
}

/** The registry file of the workspace this module sits in. */
export const defaultRegistryPath = join(
  workspaceRootAbove(dirname(fileURLToPath(import.meta.url))) ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../..'),
  'redocly.yaml',
);

const namePattern = /^[a-z][a-z\d]*(-[a-z\d]+)*$/;
const factoryPattern = /^create[A-Z][A-Za-z\d]*Client$/;
const verifierPattern = /^create[A-Z][A-Za-z\d]*Verifier$/;

/**
 * @param {unknown} value
 * @param {string} field
 * @param {RegExp} [pattern]
 * @param {string} [shape]
 */
function text(value, field, pattern, shape) {
  if (typeof value !== 'string' || value.trim() === '') throw new RegistryError(field, 'must be a non-empty string');
  if (pattern && !pattern.test(value)) throw new RegistryError(field, `must look like ${shape}, got "${value}"`);
  return value;
}

/**
 * @param {unknown} value
 * @param {string} field
 * @returns {Record<string, unknown>}
 */
function object(value, field) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RegistryError(field, 'must be a mapping');
  return /** @type {Record<string, unknown>} */ (value);
}

/**
 * @param {unknown} raw
 * @param {string} at
 * @returns {ApiSamples}
 */
function samples(raw, at) {
  const block = object(raw, at);
  const client = object(block.client, `${at}.client`);
  const credentials = object(block.credentials, `${at}.credentials`);
  if (Object.keys(credentials).length === 0) throw new RegistryError(`${at}.credentials`, 'must name at least one security scheme');
  for (const [scheme, value] of Object.entries(credentials)) text(value, `${at}.credentials.${scheme}`);
  return {
    client,
    credentials: /** @type {Record<string, string>} */ (credentials),
    ...(block.note === undefined ? {} : { note: text(block.note, `${at}.note`) }),
  };
}

/**
 * Reads and checks the registry. Throws a RegistryError naming the key on any problem,
 * duplicate mock ports included.
 * @param {string} [registryPath] a redocly.yaml; default the workspace's
 * @returns {ApiEntry[]} in the order of the file
 */
export function loadRegistry(registryPath = defaultRegistryPath) {
  let config;
  try {
    config = parse(readFileSync(registryPath, 'utf8'));
  } catch (cause) {
    throw new RegistryError(registryPath, `cannot be read as YAML (${cause instanceof Error ? cause.message : String(cause)})`);
  }
  const base = dirname(registryPath);
  const apis = object(object(config, registryPath).apis, `${registryPath} apis`);
  const entries = Object.entries(apis).map(([name, raw]) => {
    const at = `apis.${name}`;
    text(name, `${at} (the key)`, namePattern, 'kebab-case, e.g. backup-api');
    const api = object(raw, at);
    const extra = object(api['x-registry'], `${at}.x-registry`);
    const mock = object(extra.mock, `${at}.x-registry.mock`);
    const port = mock.port;
    if (!Number.isInteger(port) || /** @type {number} */ (port) < 1 || /** @type {number} */ (port) > 65_535) {
      throw new RegistryError(`${at}.x-registry.mock.port`, `must be an integer from 1 to 65535, got ${JSON.stringify(port)}`);
    }
    return {
      name,
      label: text(extra.label, `${at}.x-registry.label`),
      title: text(extra.title, `${at}.x-registry.title`),
      root: resolve(base, text(api.root, `${at}.root`)),
      bundle: resolve(base, text(api.output, `${at}.output`, /\.json$/, 'a .json file')),
      client: text(extra.client, `${at}.x-registry.client`, factoryPattern, 'createSomethingClient'),
      mock: {
        port: /** @type {number} */ (port),
        ...(mock.verifier === undefined ? {} : { verifier: text(mock.verifier, `${at}.x-registry.mock.verifier`, verifierPattern, 'createSomethingVerifier') }),
      },
      ...(extra.samples === undefined ? {} : { samples: samples(extra.samples, `${at}.x-registry.samples`) }),
    };
  });
  if (entries.length === 0) throw new RegistryError(`${registryPath} apis`, 'lists no API');
  const seen = new Map();
  for (const entry of entries) {
    const other = seen.get(entry.mock.port);
    if (other) throw new RegistryError(`apis.${entry.name}.x-registry.mock.port`, `repeats ${entry.mock.port}, already used by ${other}`);
    seen.set(entry.mock.port, entry.name);
  }
  return entries;
}

/**
 * One entry by name, or a RegistryError listing the names there are.
 * @param {string} name
 * @param {ApiEntry[]} [registry]
 * @returns {ApiEntry}
 */
export function registryEntry(name, registry = loadRegistry()) {
  const entry = registry.find((api) => api.name === name);
  if (!entry) throw new RegistryError(`api "${name}"`, `is not in the registry (known: ${registry.map((api) => api.name).join(', ')})`);
  return entry;
}
