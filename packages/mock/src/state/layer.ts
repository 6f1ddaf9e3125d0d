// Stateful mode for one API's front (src/front/front.ts): the layer answers the mock's own
// reset route, and replaces Prism's success for every operation the API's model answers with
// the model's answer. Prism still sees each request first, so a request that breaks the contract
// keeps Prism's refusal; one with `Prefer: code|example|dynamic` asked for a canned answer and
// gets Prism's.
import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { errorBody } from '../front/error-body.js';
import type { OpenApiDoc } from '../front/routes.js';
import { urlHost } from '../ports.js';
import type { ModelAnswer, ModelRequest, StateModel } from './model.js';
import { type OperationMatch, operationMatcher } from './operation-match.js';
import { sendEmpty, sendJson } from './reply.js';
import { resetPath, serveReset } from './reset-route.js';

/** Answers a request after Prism did: true when it replaced Prism's answer (and drained it), false to let it through. */
export type StateClaim = (prismAnswer: IncomingMessage, res: ServerResponse) => boolean;

/** Prism's `Prefer` keys: a request with any of them wants Prism's canned answer, not the state. */
const cannedPreference = /(^|[;,])\s*(code|example|dynamic)\s*=/i;

/** Prism's headers that describe its body, replaced along with it; the rest (CORS, date) are kept. */
const bodyHeaders = new Set(['content-type', 'content-length', 'content-encoding', 'transfer-encoding', 'etag', 'sl-violations']);

/** The body as JSON; undefined when there is none (JSON.parse refuses "") or it is not JSON. */
function parsedJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {}
}

/**
 * The absolute URL the caller used, by its Host header (else the address it reached), for links
 * to other pages. A request an http.Server hands over has its url, and its socket its address.
 */
function requestUrl(req: IncomingMessage): URL {
  const local = `${urlHost(req.socket.localAddress!)}:${req.socket.localPort}`;
  try {
    return new URL(req.url!, `http://${req.headers.host ?? local}`);
  } catch {
    return new URL(req.url!, `http://${local}`);
  }
}

export class StateLayer {
  readonly #doc: OpenApiDoc | undefined;
  readonly #model: StateModel | undefined;
  readonly #match: ((method: string, path: string) => OperationMatch | undefined) | undefined;

  /** Without a model (an API none is written for) the layer only serves the reset route. */
  constructor(doc: OpenApiDoc | undefined, model: StateModel | undefined) {
    this.#doc = doc;
    this.#model = model;
    this.#match = doc && model ? operationMatcher(doc, model.operationIds) : undefined;
  }

  reset(): void {
    this.#model?.reset();
  }

  /** Serves the mock's own routes (the reset route); true when `path` was one of them. */
  serveOwnRoute(req: IncomingMessage, res: ServerResponse, path: string): boolean {
    if (path !== resetPath) return false;
    serveReset(req, res, this.#doc, () => this.reset());
    return true;
  }

  /** For a request the model answers: how to answer it once Prism has; undefined to leave it to Prism. */
  claim(req: IncomingMessage, body: Buffer): StateClaim | undefined {
    if (cannedPreference.test(String(req.headers.prefer))) return undefined;
    // Stryker disable next-line StringLiteral: split gives at least the path, and the model reads only the query names it knows
    const [path = '/', query = ''] = req.url!.split(/\?(.*)/s);
    const match = this.#match?.(req.method!, path);
    if (!match) return undefined;
    return (prismAnswer, res) => {
      // only a success Prism found nothing wrong with is the model's to replace (node:http hands
      // over final answers only, so the status is 200 or more)
      if (prismAnswer.statusCode! > 299 || prismAnswer.headers['sl-violations']) return false;
      prismAnswer.resume();
      const request: ModelRequest = {
        operationId: match.operationId,
        params: match.params,
        query: new URLSearchParams(query),
        body: parsedJson(body),
        url: requestUrl(req),
      };
      this.#send(res, match, this.#answer(request), prismAnswer.headers);
      return true;
    };
  }

  #answer(request: ModelRequest): ModelAnswer {
    try {
      return this.#model!.answer(request);
    } catch (error) {
      // a bug in a model must not take the mock down; the caller sees it as a 500
      return { status: 500, refusal: `the state model failed on ${request.operationId}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  #send(res: ServerResponse, match: OperationMatch, answer: ModelAnswer, prismHeaders: IncomingHttpHeaders): void {
    const kept: OutgoingHttpHeaders = Object.fromEntries(Object.entries(prismHeaders).filter(([name]) => !bodyHeaders.has(name)));
    if ('refusal' in answer) sendJson(res, answer.status, errorBody(this.#doc, match.operation, answer.status, answer.refusal), kept);
    else if (answer.body === undefined) sendEmpty(res, answer.status, kept);
    else sendJson(res, answer.status, answer.body, kept);
  }
}
