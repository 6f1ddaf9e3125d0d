// What a published package.json must not carry in `exports`/`imports`: conditions that only mean
// something inside this repo (`source` points at TypeScript sources; a consumer's bundler run with
// `--conditions=source` would pick it and fail), and targets that leave the package folder.

/** Conditions the repo uses for its own development; a packed manifest must not list them. */
export const repoOnlyConditions = ['source'];

/**
 * Every repo-only condition and every target outside the package in `exports` and `imports`,
 * one line each, e.g. `imports["#crypto"].source: repo-only condition`.
 * @param {Record<string, unknown>} manifest a package.json as it is packed
 * @returns {string[]}
 */
export function repoInternalEntries(manifest) {
  const problems = [];
  const walk = (value, where) => {
    if (typeof value === 'string') {
      // "../x" or "/x" reaches into the repo around the package; bare names (imports only) are packages
      if (value.startsWith('/') || value.split('/').includes('..')) problems.push(`${where}: "${value}" is outside the package`);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${where}[${index}]`));
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (repoOnlyConditions.includes(key)) problems.push(`${where}.${key}: repo-only condition`);
        else walk(inner, `${where}[${JSON.stringify(key)}]`);
      }
    }
  };
  for (const field of ['exports', 'imports']) if (manifest[field] !== undefined) walk(manifest[field], field);
  return problems;
}
