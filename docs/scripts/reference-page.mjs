// What the docs' copy of a contract bundle gains so its reference page leads somewhere: links
// back to the site's own pages, and the local contract mock as a server beside the vendor's.
// Only the copy the page renders changes; the published bundles (spec/*/dist) never list localhost.
import { mockOrigin } from './code-samples.mjs';

/**
 * @typedef {object} SitePage
 * @property {string} href a page of the site, relative to the reference page
 * @property {string} label what the link says
 */

/**
 * A one-line SVG of `text` as a data: URL, so the page loads no image from elsewhere.
 * @param {string} text
 * @param {{ width: number, height?: number, fontSize?: number }} size
 */
export function wordmark(text, { width, height = 16, fontSize = 11 }) {
  const escaped = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
  return `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><text x="1" y="${height - 4}" font-family="system-ui,sans-serif" font-size="${fontSize}" font-weight="700" fill="#0044d4">${escaped}</text></svg>`,
  )}`;
}

/**
 * A copy of the bundle whose page links back to the site: the sidebar's logo leads home
 * (`x-logo`, always in view), and the description opens with a link to each page.
 * @param {any} bundle
 * @param {{ home: SitePage, pages: SitePage[] }} site
 * @returns {any}
 */
export function withSiteLinks(bundle, site) {
  const copy = structuredClone(bundle);
  const links = [site.home, ...site.pages].map(({ href, label }) => `[${label}](${href})`).join(' · ');
  copy.info.description = `${links}\n\n${copy.info.description ?? ''}`.trim();
  const text = `← ${site.home.label}`;
  copy.info['x-logo'] = { url: wordmark(text, { width: 8 * text.length + 8, height: 24, fontSize: 14 }), altText: site.home.label, href: site.home.href };
  return copy;
}

/** The mock's server entry: its default port, read from the API's registry entry. */
export function mockServer(/** @type {import('@cloud-backup-contracts/testkit/registry').ApiEntry} */ entry) {
  return { url: mockOrigin(entry), description: 'Local contract mock (npx @cloud-backup-contracts/mock)' };
}

/**
 * A copy of the bundle that lists the local mock after the vendor's servers.
 * @param {any} bundle
 * @param {import('@cloud-backup-contracts/testkit/registry').ApiEntry} entry
 * @returns {any}
 */
export function withMockServer(bundle, entry) {
  const copy = structuredClone(bundle);
  copy.servers = [...(copy.servers ?? []), mockServer(entry)];
  return copy;
}
