// The last step of the request path: Prism answers. Its contract violations are rewritten into
// the API's own error shape (keeping `sl-violations`), and in stateful mode its success gives way
// to the state's answer (src/state/layer.ts), with Prism's headers that do not describe its body.
import { Agent, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, request } from 'node:http';
import { type Exchange, type Handler, refuse, send } from '../exchange.js';
import { reasonsMessage, violationsOf } from './violations.js';

/** Prism's headers that describe its body, replaced along with it; the rest (CORS, date) are kept. */
const bodyHeaders = new Set(['content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'etag', 'sl-violations']);

const withoutBodyHeaders = (headers: IncomingHttpHeaders): OutgoingHttpHeaders =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !bodyHeaders.has(name)));

export interface PrismProxy {
  forward: Handler;
  close(): void;
}

/** Forwards to the Prism on 127.0.0.1:`port`, over kept-alive connections. */
export function prismProxy(port: number): PrismProxy {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });

  function relay(exchange: Exchange, answer: IncomingMessage): void {
    const { res } = exchange;
    const status = answer.statusCode!;
    const violations = answer.headers['sl-violations'] as string | undefined;
    // only a success Prism found nothing wrong with is the state's to replace
    if (exchange.stateAnswer && status < 300 && !violations) {
      answer.resume();
      const { headers, ...rest } = exchange.stateAnswer();
      send(res, { ...rest, headers: { ...withoutBodyHeaders(answer.headers), ...headers } });
      return;
    }
    const problemJson = /problem\+json/i.test(String(answer.headers['content-type'] ?? ''));
    if (status < 400 || (!violations && !problemJson)) {
      res.writeHead(status, answer.headers);
      answer.pipe(res);
      return;
    }
    // Prism's own refusal: in the API's words, with Prism's reasons as the message
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.on('end', () => {
      // the reasons always travel in `sl-violations` too, whichever way Prism gave them
      const reasons = violationsOf(violations, problemJson ? Buffer.concat(chunks).toString('utf8') : undefined);
      const message = reasons.length ? reasonsMessage(reasons) : `the request breaks the contract (HTTP ${status})`;
      refuse(exchange, status, message, exchange.route.operation, reasons.length ? { 'sl-violations': JSON.stringify(reasons) } : {});
    });
  }

  return {
    forward: (exchange) => {
      const { req, res } = exchange;
      const upstream = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) =>
        relay(exchange, answer),
      );
      // Prism is gone: the mock is failing (startMock reports the exit), so this port answers nothing
      upstream.on('error', () => res.destroy());
      upstream.end(exchange.body);
      return true;
    },
    close: () => agent.destroy(),
  };
}
