// One API's proxy: its contract read whole for the drift check, and the forwarder to its upstream.
import { readFileSync } from 'node:fs';
import type { Handler } from '../exchange.js';
import { type ContractOperationRef, type OpenApiDocument, operationsOf } from './contract-schemas.js';
import { DriftChecker } from './drift.js';
import { upstreamForwarder } from './forward.js';
import type { DriftReport } from './report.js';
import type { Resigner } from './resign.js';

/** How long an upstream gets for a whole answer unless told otherwise. */
export const defaultUpstreamTimeoutMs = 30_000;
/** Larger upstream answers are refused: far above any page the contracts document. */
export const defaultMaxAnswerBytes = 16 * 1024 * 1024;

export interface ContractForDrift {
  doc: OpenApiDocument;
  checker: DriftChecker;
  operations: Map<string, ContractOperationRef>;
}

/** A JSON contract read for the drift check; throws when the file is not a JSON document. */
export function contractForDrift(file: string): ContractForDrift {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument;
  return { doc, checker: new DriftChecker(doc), operations: new Map(operationsOf(doc).map((operation) => [operation.operationId, operation])) };
}

export interface ProxyApiOptions {
  api: string;
  contract: ContractForDrift;
  upstream: URL;
  resign: Resigner;
  report: DriftReport;
  timeoutMs?: number;
  maxAnswerBytes?: number;
}

export function proxyApi(options: ProxyApiOptions): { forward: Handler; close(): void } {
  return upstreamForwarder({
    api: options.api,
    upstream: options.upstream,
    resign: options.resign,
    checker: options.contract.checker,
    operations: options.contract.operations,
    report: options.report,
    timeoutMs: options.timeoutMs ?? defaultUpstreamTimeoutMs,
    maxAnswerBytes: options.maxAnswerBytes ?? defaultMaxAnswerBytes,
  });
}
