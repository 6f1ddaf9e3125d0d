// Writes the code samples of every operation from its contract and its registry entry: a
// TypeScript module that calls the typed client, and a curl command, both aimed at the local
// contract mock with the contract's example values. Redoc shows them as `x-codeSamples`.
import { listOperations, resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';
import { RegistryError } from '@cloud-backup-contracts/testkit/registry';
import { parametersOf } from './apis.mjs';

/** @typedef {import('@cloud-backup-contracts/testkit/registry').ApiEntry} ApiEntry */
/** @typedef {{ lang: string, label: string, source: string }} CodeSample */
/** @typedef {{ operationId: string, typescript: CodeSample, curl: CodeSample }} OperationSamples */

export const clientPackage = '@cloud-backup-contracts/client';
export const sampleLabels = /** @type {const} */ ({ typescript: 'TypeScript', curl: 'curl' });

/**
 * The languages the reference pages offer, in tab order (Redoc's `codeSamples.languages`): Redoc
 * shows a sample only when its label is among them, and its default list has no TypeScript.
 */
export const redocLanguages = [
  { lang: 'TypeScript', label: sampleLabels.typescript },
  { lang: 'bash', label: sampleLabels.curl },
  // the request body example, which Redoc shows on its own
  { lang: 'payload', label: 'Payload' },
];

/** The local mock's origin for an API, as the samples write it. */
export const mockOrigin = (/** @type {ApiEntry} */ api) => `http://127.0.0.1:${api.mock.port}`;

const identifier = /^[A-Za-z_$][\w$]*$/;
const lineWidth = 100;
// note: a literal longer than this goes one entry per line, so it fits the reference's narrow code panel
const inlineWidth = 80;

/**
 * A JSON value as a TypeScript literal: single quotes, bare keys where they are identifiers, on
 * one line when it fits, else one entry per line.
 * @param {unknown} value
 * @param {string} [indent]
 * @returns {string}
 */
export function tsLiteral(value, indent = '') {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (value === null || typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => tsLiteral(item, inner))
    : Object.entries(value).map(([key, item]) => `${identifier.test(key) ? key : tsLiteral(key)}: ${tsLiteral(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{ ', ' }'];
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const flat = `${open}${entries.join(', ')}${close}`;
  if (!flat.includes('\n') && indent.length + flat.length <= inlineWidth) return flat;
  return `${open.trim()}\n${entries.map((entry) => `${inner}${entry},`).join('\n')}\n${indent}${close.trim()}`;
}

/** @param {string} text */
const shellQuote = (text) => `'${text.replace(/'/g, "'\\''")}'`;

/**
 * @param {any} doc
 * @param {any} holder a parameter or a media type
 * @returns {unknown}
 */
function exampleOf(doc, holder) {
  if (holder.example !== undefined) return holder.example;
  const named = Object.values(holder.examples ?? {})[0];
  if (named !== undefined) return resolveRef(doc, named)?.value;
  /** @type {any} */
  const schema = resolveRef(doc, holder.schema);
  return schema?.example ?? schema?.examples?.[0];
}

/**
 * The values one operation's samples send: each parameter with its example (optional ones
 * without an example are left out) and the body example.
 * @param {any} doc
 * @param {ApiEntry} api
 * @param {{ path: string, operationId: string, operation: any }} op
 */
function exampleRequest(doc, api, { path, operationId, operation }) {
  const parameters = parametersOf(doc, path, operation).flatMap((parameter) => {
    const example = exampleOf(doc, parameter);
    if (example !== undefined)
      return [{ name: parameter.name, in: parameter.in, required: parameter.required === true, clientFilled: parameter['x-client-filled'] === true, example }];
    if (parameter.required)
      throw new Error(`${api.name} ${operationId}: required parameter ${parameter.in}:${parameter.name} has no example for its code samples`);
    return [];
  });
  const requestBody = resolveRef(doc, operation.requestBody);
  const [mediaType, media] = Object.entries(requestBody?.content ?? {})[0] ?? [];
  const body = media ? exampleOf(doc, media) : undefined;
  if (requestBody?.required && body === undefined) throw new Error(`${api.name} ${operationId}: the request body has no example for its code samples`);
  return { parameters, body, mediaType };
}

/** @param {any} doc @param {any} operation */
function hasJsonSuccessBody(doc, operation) {
  const status = Object.keys(operation.responses ?? {}).find((code) => /^2\d\d$/.test(code));
  const response = resolveRef(doc, operation.responses?.[status ?? '']);
  return Object.keys(response?.content ?? {}).some((type) => /json/.test(type));
}

/**
 * @param {any} doc
 * @param {ApiEntry} api
 * @param {{ path: string, operationId: string, operation: any }} op
 * @returns {string}
 */
function typescriptSample(doc, api, op) {
  const { parameters, body } = exampleRequest(doc, api, op);
  /** @type {Record<string, Record<string, unknown>>} */
  const input = {};
  const inputKey = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' };
  // the client fills in the parameters the contract marks x-client-filled, and refuses them as input
  for (const p of parameters.filter((p) => !p.clientFilled)) (input[inputKey[/** @type {'path'} */ (p.in)]] ??= {})[p.name] = p.example;
  const argument = body === undefined ? input : { ...input, body };
  const call = `client.${op.operationId}(${Object.keys(argument).length === 0 ? '' : tsLiteral(argument)})`;
  const json = hasJsonSuccessBody(doc, op.operation);
  const options = { baseUrl: mockOrigin(api), ...api.samples?.client };
  return [
    `import { ${api.client} } from '${clientPackage}/${api.name}';`,
    '',
    '// the local contract mock, with placeholder credentials',
    `const client = ${api.client}(${tsLiteral(options)});`,
    '',
    `const { ${json ? 'data' : 'response'}, error } = await ${call};`,
    'if (error) {',
    "  // narrow on kind: 'service' is the API's own error answer",
    "  if (error.kind === 'service') console.error(error.status, error.code, error.message);",
    '  throw error;',
    '}',
    json ? 'console.log(data);' : 'console.log(response.status);',
    '',
  ].join('\n');
}

/**
 * The first security requirement of the operation whose schemes all have a placeholder.
 * @param {any} doc
 * @param {ApiEntry} api
 * @param {any} operation
 */
function placeholderSecurity(doc, api, operation) {
  const credentials = api.samples?.credentials ?? {};
  const requirements = /** @type {Record<string, unknown>[]} */ (operation.security ?? doc.security ?? [{}]);
  const usable = requirements.find((requirement) => Object.keys(requirement).every((name) => name in credentials));
  if (!usable) {
    const wanted = requirements.map((requirement) => Object.keys(requirement).join(' + ')).join(' or ');
    throw new RegistryError(`apis.${api.name}.x-registry.samples.credentials`, `needs a placeholder for ${wanted}, the contract's security`);
  }
  return Object.keys(usable).map((name) => ({
    /** @type {any} */
    scheme: resolveRef(doc, doc.components?.securitySchemes?.[name]),
    name,
    value: credentials[name] ?? '',
  }));
}

/**
 * @param {any} doc
 * @param {ApiEntry} api
 * @param {{ method: string, path: string, operationId: string, operation: any }} op
 * @returns {string}
 */
function curlSample(doc, api, op) {
  const { parameters, body, mediaType } = exampleRequest(doc, api, op);
  const security = placeholderSecurity(doc, api, op.operation);
  const query = new URLSearchParams();
  /** @type {string[]} */
  const headers = [];
  for (const { scheme, name, value } of security) {
    if (scheme?.type === 'apiKey' && scheme.in === 'header') headers.push(`${scheme.name}: ${value}`);
    else if (scheme?.type === 'apiKey' && scheme.in === 'query') query.append(scheme.name, value);
    else if (scheme?.type === 'http' && /^bearer$/i.test(scheme.scheme)) headers.push(`Authorization: Bearer ${value}`);
    else throw new Error(`${api.name} ${op.operationId}: security scheme ${name} (${scheme?.type} ${scheme?.in ?? scheme?.scheme}) has no curl form`);
  }
  // an optional client-filled parameter travels where the credentials do (Alibaba's Action and
  // Version: x-acs-* headers beside an ACS3 Authorization header, query parameters beside a V2 Signature)
  const credentialPlaces = new Set(security.map(({ scheme }) => (scheme?.type === 'apiKey' ? scheme.in : 'header')));
  const sent = parameters.filter((p) => !p.clientFilled || p.required || credentialPlaces.has(p.in));
  let path = op.path;
  for (const p of sent) {
    if (p.in === 'path') path = path.replace(`{${p.name}}`, encodeURIComponent(String(p.example)));
    if (p.in === 'query') query.append(p.name, String(p.example));
    if (p.in === 'header') headers.push(`${p.name}: ${p.example}`);
  }
  if (body !== undefined) headers.push(`Content-Type: ${mediaType}`);
  const url = `${mockOrigin(api)}${path}${String(query) === '' ? '' : `?${query}`}`;
  const method = op.method.toUpperCase();
  const lines = [
    `curl -sS --fail-with-body${method === 'GET' ? '' : ` -X ${method}`} ${shellQuote(url)}`,
    ...headers.map((header) => `-H ${shellQuote(header)}`),
    ...(body === undefined ? [] : [`--data ${shellQuote(JSON.stringify(body))}`]),
  ];
  return `${commentLines(api.samples?.note)}${lines.join(' \\\n  ')}\n`;
}

/** @param {string | undefined} note */
function commentLines(note) {
  if (!note) return '';
  const out = [''];
  for (const word of note.split(/\s+/)) {
    const last = out.length - 1;
    if (out[last] && (out[last]?.length ?? 0) + word.length + 3 > lineWidth) out.push(word);
    else out[last] = out[last] ? `${out[last]} ${word}` : word;
  }
  return out.map((line) => `# ${line}\n`).join('');
}

/**
 * Every operation's samples, in document order.
 * @param {any} doc a bundled contract
 * @param {ApiEntry} api its registry entry
 * @returns {OperationSamples[]}
 */
export function codeSamplesOf(doc, api) {
  if (!api.samples)
    throw new RegistryError(`apis.${api.name}.x-registry.samples`, 'must be a mapping: the docs build writes every operation a code sample from it');
  return listOperations(doc).map((op) => ({
    operationId: op.operationId,
    typescript: { lang: 'TypeScript', label: sampleLabels.typescript, source: typescriptSample(doc, api, op) },
    curl: { lang: 'Shell', label: sampleLabels.curl, source: curlSample(doc, api, op) },
  }));
}

/**
 * A copy of the bundle with each operation's samples under `x-codeSamples`, which Redoc shows
 * beside the operation.
 * @param {any} doc
 * @param {ApiEntry} api
 * @returns {any}
 */
export function withCodeSamples(doc, api) {
  const copy = structuredClone(doc);
  const samples = new Map(codeSamplesOf(copy, api).map((entry) => [entry.operationId, entry]));
  for (const { operationId, operation } of listOperations(copy)) {
    const entry = samples.get(operationId);
    if (entry) operation['x-codeSamples'] = [entry.typescript, entry.curl];
  }
  return copy;
}

/**
 * The samples a reference bundle carries, read back: what the docs show, for the tests.
 * @param {any} doc a bundle written by the docs build
 * @returns {{ operationId: string, samples: CodeSample[] }[]}
 */
export function samplesInBundle(doc) {
  return listOperations(doc).map(({ operationId, operation }) => ({
    operationId,
    samples: /** @type {CodeSample[]} */ (operation['x-codeSamples'] ?? []),
  }));
}
