// Redocly plugin: every fact in a contract says where it comes from (`x-provenance`).
// Presence on operations, parameters and security schemes is checked by configurable rules in
// redocly.yaml; this rule covers what those cannot express: named schemas, which live in their
// own files and reach the linter only as referenced schemas, and the shape inside the
// extension, which Redocly does not type.

const key = 'x-provenance';
const allowedKeys = new Set(['sources', 'assumption']);

/** True for an absolute https URL. */
function isHttpsUrl(value) {
  if (typeof value !== 'string' || /\s/.test(value)) return false;
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

/** The problems of one `x-provenance` value, as sentences. */
export function provenanceProblems(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['must be an object with `sources` and/or `assumption`'];
  const problems = [];
  for (const name of Object.keys(value)) if (!allowedKeys.has(name)) problems.push(`has an unknown key \`${name}\` (only \`sources\` and \`assumption\`)`);
  const { sources, assumption } = value;
  if (sources !== undefined) {
    if (!Array.isArray(sources)) problems.push('`sources` must be a list of https URLs');
    else sources.forEach((source, index) => isHttpsUrl(source) || problems.push(`\`sources[${index}]\` is not an absolute https URL`));
  }
  if (assumption !== undefined && (typeof assumption !== 'string' || assumption.trim() === '')) problems.push('`assumption` must be a non-empty sentence');
  const hasSources = Array.isArray(sources) && sources.length > 0;
  const hasAssumption = typeof assumption === 'string' && assumption.trim() !== '';
  if (!hasSources && !hasAssumption) problems.push('needs a non-empty `sources` or an `assumption` saying why none is given');
  return problems;
}

// a schema is named when it is a file of a components/schemas folder, or sits directly under
// components/schemas of the file it is written in
function isNamedSchema(location) {
  const file = location.source.absoluteRef.replaceAll('\\', '/');
  if (location.pointer === '#/') return /\/components\/schemas\/[^/]+$/.test(file);
  return /^#\/components\/schemas\/[^/]+$/.test(location.pointer);
}

function ProvenanceRule() {
  function check(node, ctx, what, required) {
    if (node === null || typeof node !== 'object') return;
    if (node[key] === undefined) {
      if (required) ctx.report({ message: `${what} has no \`${key}\` (its sources, or an assumption)`, location: ctx.location.key() });
      return;
    }
    for (const problem of provenanceProblems(node[key])) ctx.report({ message: `${what}: \`${key}\` ${problem}`, location: ctx.location.child([key]) });
  }
  return {
    Operation: (node, ctx) => check(node, ctx, 'operation', false),
    Parameter: (node, ctx) => check(node, ctx, 'parameter', false),
    SecurityScheme: (node, ctx) => check(node, ctx, 'security scheme', false),
    Schema: (node, ctx) => check(node, ctx, isNamedSchema(ctx.location) ? 'named schema' : 'schema', isNamedSchema(ctx.location)),
  };
}

export default function provenancePlugin() {
  return { id: 'provenance', rules: { oas3: { valid: ProvenanceRule } } };
}
