// The curl lines of a README, read back into requests node:http can send: a fresh machine may
// have no curl, and the test must show what the README promises, not what curl happens to do.

export interface CurlRequest {
  /** the line as the README writes it, for failure messages */
  line: string;
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** Splits a shell line into words: single quotes literal, double quotes with \\" and \\\\, bare words. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /'([^']*)'|"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    words.push(match[1] ?? match[2]?.replace(/\\(["\\$`])/g, '$1') ?? match[3]!);
  }
  return words;
}

/** Flags the README may use that change nothing in the request itself. */
const outputOnly = new Set(['-s', '--silent', '-i', '--include', '--fail', '-f', '-S', '--show-error']);

export function parseCurl(line: string): CurlRequest {
  const [command, ...args] = shellWords(line.trim());
  if (command !== 'curl') throw new Error(`not a curl line: ${line}`);
  const request: CurlRequest = { line, method: 'GET', url: '', headers: {} };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '-H' || arg === '--header') {
      const header = args[++index] ?? '';
      const colon = header.indexOf(':');
      if (colon < 1) throw new Error(`malformed header "${header}" in: ${line}`);
      request.headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
    } else if (arg === '-X' || arg === '--request') {
      request.method = args[++index] ?? '';
    } else if (outputOnly.has(arg)) {
    } else if (arg.startsWith('-')) {
      // a flag this reader does not know could change the request: refuse rather than guess
      throw new Error(`unsupported curl flag ${arg} in: ${line}`);
    } else if (request.url) {
      throw new Error(`two URLs in: ${line}`);
    } else {
      request.url = arg;
    }
  }
  if (!request.url) throw new Error(`no URL in: ${line}`);
  return request;
}

/** Every `curl ...` line inside the README's fenced sh blocks, in order. */
export function readmeCurlLines(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm)].map((match) => match[1]!);
  return blocks.flatMap((block) => block.split('\n').filter((line) => /^curl\s/.test(line)));
}

/** The `<api> <url>` lines the README shows the mock printing, e.g. "huawei-vbs  http://127.0.0.1:4010". */
export function readmeMockUrls(markdown: string): Map<string, string> {
  return new Map([...markdown.matchAll(/^([a-z][a-z0-9-]*) +(http:\/\/[\d.]+:\d+)$/gm)].map((match) => [new URL(match[2]!).origin, match[1]!]));
}
