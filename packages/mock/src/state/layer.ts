// Stateful mode for one API's front (src/front/front.ts), as two steps of its request path: the
// mock's own reset route, and the model's answer for every operation it answers, sent in place
// of Prism's success (src/front/prism-proxy.ts). Prism still sees each request first, so a
// request that breaks the contract keeps Prism's refusal; one with `Prefer: code|example|dynamic`
// asked for a canned answer and gets Prism's.
import type { IncomingMessage } from 'node:http';
import type { ContractIndex } from '../contract-index.js';
import { errorBody } from '../error-body.js';
import { type Answer, type Handler, refuse, send } from '../exchange.js';
import { urlHost } from '../ports.js';
import type { ModelAnswer, ModelRequest, StateModel } from './model.js';

/** The mock's own route, outside every contract's paths: `POST` returns the API's state to its seed. */
export const resetPath = '/__mock/reset';

/** Prism's `Prefer` keys: a request with any of them wants Prism's canned answer, not the state. */
const cannedPreference = /(^|[;,])\s*(code|example|dynamic)\s*=/i;

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
  readonly #contract: ContractIndex | undefined;
  readonly #model: StateModel | undefined;

  /** Without a model (an API none is written for) the layer only serves the reset route. */
  constructor(contract: ContractIndex | undefined, model: StateModel | undefined) {
    this.#contract = contract;
    this.#model = model;
  }

  reset(): void {
    this.#model?.reset();
  }

  /** POST resets and answers 204 without a body; any other method gets 405 in the API's error shape. */
  readonly serveReset: Handler = (exchange) => {
    if (exchange.path !== resetPath) return false;
    if (exchange.req.method !== 'POST') return refuse(exchange, 405, `${resetPath} takes POST only, not ${exchange.req.method}`, undefined, { allow: 'POST' });
    this.reset();
    send(exchange.res, { status: 204 });
    return true;
  };

  /** For a request the model answers, its answer once Prism has found nothing wrong with the request. */
  readonly claim: Handler = (exchange) => {
    const { req, route, query, body } = exchange;
    const { operation, params } = route;
    if (!this.#model || cannedPreference.test(String(req.headers.prefer))) return false;
    if (!operation?.operationId || !params || !this.#model.operationIds.has(operation.operationId)) return false;
    const request: ModelRequest = {
      operationId: operation.operationId,
      params,
      query: new URLSearchParams(query),
      body: parsedJson(body),
      url: requestUrl(req),
    };
    exchange.stateAnswer = (): Answer => {
      const answer = this.#answer(request);
      return 'refusal' in answer ? { status: answer.status, body: errorBody(this.#contract, operation, answer.status, answer.refusal) } : answer;
    };
    return false;
  };

  #answer(request: ModelRequest): ModelAnswer {
    try {
      return this.#model!.answer(request);
    } catch (error) {
      // a bug in a model must not take the mock down; the caller sees it as a 500
      return { status: 500, refusal: `the state model failed on ${request.operationId}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
