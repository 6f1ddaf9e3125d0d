// The mock's own route in stateful mode, outside every contract's paths: `POST /__mock/reset`
// returns the API's state to its seed.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../front/error-body.js';
import type { OpenApiDoc } from '../front/routes.js';
import { sendEmpty, sendJson } from './reply.js';

export const resetPath = '/__mock/reset';

/** POST resets and answers 204 without a body; any other method gets 405 in the API's error shape. */
export function serveReset(req: IncomingMessage, res: ServerResponse, doc: OpenApiDoc | undefined, reset: () => void): void {
  if (req.method !== 'POST') {
    sendJson(res, 405, errorBody(doc, undefined, 405, `${resetPath} takes POST only, not ${req.method}`), { allow: 'POST' });
    return;
  }
  reset();
  sendEmpty(res, 204);
}
