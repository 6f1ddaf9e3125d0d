// What the reference pages render from: the docs' copy of each bundle lists the local mock as a
// server and links back to the site, while the published bundle (spec/*/dist) stays as the
// contract has it. The browser test (site.browser.test.ts) follows the links and reads the servers.
import { readdirSync, readFileSync } from 'node:fs';
import { defaultPorts } from '@cloud-backup-contracts/mock';
import { describe, expect, it } from 'vitest';
import { apiReferences } from '../scripts/apis.mjs';
import { mockServer, withMockServer, withSiteLinks } from '../scripts/reference-page.mjs';

const references = apiReferences.map((api) => ({
  api,
  name: api.name,
  published: JSON.parse(readFileSync(api.bundlePath, 'utf8')),
  rendered: JSON.parse(readFileSync(api.referencePath, 'utf8')),
}));
const loopback = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|\/|$)/;
const site = { home: { href: 'index.html', label: 'Home' }, pages: [{ href: 'getting-started.html', label: 'Getting started' }] };

describe('the servers of each reference', () => {
  it.each(references)('$name: the published bundle lists no local server', ({ published }) => {
    expect((published.servers ?? []).filter((server: { url: string }) => loopback.test(server.url))).toEqual([]);
  });

  it.each(references)(
    "$name: the page's copy lists the vendor's servers, then the mock on the port the mock package defaults to",
    ({ api, published, rendered }) => {
      expect(rendered.servers).toEqual([...(published.servers ?? []), mockServer(api.entry)]);
      expect(mockServer(api.entry).url).toBe(`http://127.0.0.1:${defaultPorts[api.name as keyof typeof defaultPorts]}`);
    },
  );

  it('withMockServer leaves the bundle it is given as it was', () => {
    const [{ api, published }] = references as [(typeof references)[number]];
    const before = structuredClone(published);
    withMockServer(published, api.entry);
    expect(published).toEqual(before);
  });
});

describe('the links of each reference back to the site', () => {
  it.each(references)('$name: the description opens with a link to the home page and the guide pages, and the logo leads home', ({ rendered }) => {
    expect(rendered.info.description.split('\n')[0]).toBe(
      '[Cloud backup contracts](index.html) · [Getting started](getting-started.html) · [The mock in CI](mock-in-ci.html) · [Keeping the contracts honest](contracts-honest.html)',
    );
    expect(rendered.info['x-logo']).toMatchObject({
      href: 'index.html',
      altText: 'Cloud backup contracts',
      url: expect.stringMatching(/^data:image\/svg\+xml,/),
    });
  });

  it('withSiteLinks keeps the description after the links, and leaves the bundle it is given as it was', () => {
    const bundle = { info: { title: 'T', description: 'What the API does.' } };
    expect(withSiteLinks(bundle, site).info.description).toBe('[Home](index.html) · [Getting started](getting-started.html)\n\nWhat the API does.');
    expect(withSiteLinks({ info: { title: 'T' } }, site).info.description).toBe('[Home](index.html) · [Getting started](getting-started.html)');
    expect(bundle.info).toEqual({ title: 'T', description: 'What the API does.' });
  });
});

it('the docs scripts name no API: what they know of one comes from the registry', () => {
  const scripts = new URL('../scripts/', import.meta.url);
  const naming = readdirSync(scripts).flatMap((file) => {
    const text = readFileSync(new URL(file, scripts), 'utf8');
    return apiReferences.filter((api) => text.includes(api.name) || text.includes(api.entry.client)).map((api) => `${file}: ${api.name}`);
  });
  expect(naming).toEqual([]);
});
