// note: a browser sends its own User-Agent, and Chromium drops one a page sets on fetch, so the
// browser build names no User-Agent (and takes no caller suffix)

/** No User-Agent of the client's own in a browser. */
export function defaultUserAgent(): string | undefined {
  return undefined;
}
