// Finds what a page would fetch from another host: script/img/iframe sources, stylesheets,
// preloads, fonts and @imports, and the asset URLs in its scripts, inline or in a .js file of the
// site. Links a reader clicks (<a href>) are not fetches.

const remote = /^\s*(?:[a-z][a-z0-9+.-]*:)?\/\//i;
const dataOrLocal = /^\s*(?:data:|blob:|#|about:)/i;
/** attributes whose URL the browser loads by itself, per element; `*` applies to every element
 * @type {Record<string, string[]>} */
const fetchedAttributes = {
  '*': ['src', 'srcset', 'poster', 'background'],
  link: ['href', 'imagesrcset'],
  object: ['data'],
  image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'],
  feimage: ['href', 'xlink:href'],
  meta: ['content'],
};
// an absolute URL of an image, font, stylesheet or script inside inline code, which it may load at run time
const assetUrlInCode =
  /(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\/[^\s"'`)<>]*\.(?:svg|png|jpe?g|gif|webp|avif|ico|woff2?|ttf|otf|eot|css|m?js)(?![a-z0-9])(?:\?[^\s"'`)<>]*)?/gi;
const tagPattern = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const attributePattern = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** @typedef {{ where: string, url: string }} RemoteFetch */

/**
 * Remote URLs in CSS, url(...) and at-rule imports, as in a stylesheet, a <style> or a style="".
 * @param {string} css
 * @param {string} where
 * @returns {RemoteFetch[]}
 */
export function remoteFetchesInCss(css, where) {
  const found = [];
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of withoutComments.matchAll(/url\(\s*(["']?)([^"')]*)\1\s*\)/gi)) {
    const url = match[2] ?? '';
    if (remote.test(url)) found.push({ where: `${where} url()`, url });
  }
  // note: @import url(...) is already caught as a url()
  for (const match of withoutComments.matchAll(/@import\s+(["'])([^"']+)\1/gi)) {
    const url = match[2] ?? '';
    if (remote.test(url)) found.push({ where: `${where} @import`, url });
  }
  return found;
}

/**
 * Absolute URLs of images, fonts, stylesheets and scripts in code, which it may load at run time.
 * @param {string} code
 * @param {string} where
 * @returns {RemoteFetch[]}
 */
export function remoteFetchesInScript(code, where) {
  return [...code.matchAll(assetUrlInCode)].map(([url]) => ({ where, url }));
}

/**
 * @param {string} name
 * @param {string} value
 * @returns {string[]} the URLs of a srcset, or the value itself
 */
function urlsOf(name, value) {
  if (name === 'srcset' || name === 'imagesrcset') return value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '');
  if (name === 'content') return [value.replace(/^\s*\d+\s*;\s*url\s*=\s*/i, '')];
  return [value];
}

/**
 * Every remote URL an HTML page would load without a click.
 * @param {string} html
 * @returns {RemoteFetch[]}
 */
export function remoteFetchesInHtml(html) {
  const found = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  // note: script bodies are code, not markup; a <script> ends at the first </script>, as in a browser
  const markup = withoutComments
    .replace(/(<script\b[^>]*>)([\s\S]*?)<\/script\s*>/gi, (_all, open, code) => {
      found.push(...remoteFetchesInScript(code, '<script> code'));
      return `${open}</script>`;
    })
    .replace(/<style\b([^>]*)>([\s\S]*?)<\/style\s*>/gi, (_all, attributes, css) => {
      found.push(...remoteFetchesInCss(css, '<style>'));
      return `<style${attributes}></style>`;
    });
  for (const tag of markup.matchAll(tagPattern)) {
    const element = (tag[1] ?? '').toLowerCase();
    const attributes = new Map();
    for (const attribute of (tag[2] ?? '').matchAll(attributePattern)) {
      attributes.set((attribute[1] ?? '').toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    const style = attributes.get('style');
    if (style) found.push(...remoteFetchesInCss(style, `<${element} style>`));
    if (element === 'meta' && (attributes.get('http-equiv') ?? '').toLowerCase() !== 'refresh') continue;
    for (const name of [...(fetchedAttributes['*'] ?? []), ...(fetchedAttributes[element] ?? [])]) {
      const value = attributes.get(name);
      if (value === undefined) continue;
      for (const url of urlsOf(name, value)) {
        if (remote.test(url) && !dataOrLocal.test(url)) found.push({ where: `<${element} ${name}>`, url });
      }
    }
  }
  return found;
}

/**
 * What a file of the site would fetch from another host, by its kind: a page, a stylesheet or a script.
 * @param {string} file its path, for the kind and the report
 * @param {string} text
 * @returns {RemoteFetch[]}
 */
export function remoteFetchesInFile(file, text) {
  if (file.endsWith('.html')) return remoteFetchesInHtml(text);
  if (file.endsWith('.css')) return remoteFetchesInCss(text, file);
  if (file.endsWith('.js')) return remoteFetchesInScript(text, file);
  return [];
}
