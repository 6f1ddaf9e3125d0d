// Preloaded (`node --import`) into every guide block the tests run: the guide's code calls the
// vendors' real endpoints, so fetch sends those to the local mock instead, the way a hosts-file
// entry would, and refuses every other host that is not loopback. GUIDE_REDIRECTS holds
// `[{ "pattern": "<regex over the URL's origin>", "origin": "http://127.0.0.1:<port>" }]`.
const redirects = JSON.parse(process.env.GUIDE_REDIRECTS ?? '[]').map(({ pattern, origin }) => ({ pattern: new RegExp(pattern), origin }));
const realFetch = globalThis.fetch;
const refused = [];

globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  const redirect = redirects.find(({ pattern }) => pattern.test(url.origin));
  if (!redirect) {
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost' && url.hostname !== '[::1]') {
      refused.push(url.origin);
      throw new TypeError(`guide check: ${url.origin} is not local and no mock stands in for it`);
    }
    return realFetch(request);
  }
  const target = new URL(`${url.pathname}${url.search}`, redirect.origin);
  const body = request.body === null ? undefined : await request.arrayBuffer();
  return realFetch(new Request(target, { method: request.method, headers: request.headers, body, redirect: request.redirect, signal: request.signal }));
};

process.on('exit', () => {
  if (refused.length === 0) return;
  process.stderr.write(`guide check: refused requests to ${[...new Set(refused)].join(', ')}\n`);
  process.exitCode = 70;
});
