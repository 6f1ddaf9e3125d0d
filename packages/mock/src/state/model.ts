// What a state model is to the generic layer (src/state/layer.ts): the operations it answers,
// how it answers one request, and how it goes back to its seed. A model names its API; this
// folder names none.
import type { ContractIndex } from '../contract-index.js';

/** One request for an operation a model answers, as the model reads it. */
export interface ModelRequest {
  operationId: string;
  /** the path template's parameters, percent-decoded */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** the parsed JSON body; undefined when there is none (or it is not JSON) */
  body: unknown;
  /** where this request reached the mock (scheme, host and port as the caller used them), for links */
  url: URL;
}

/**
 * The model's answer: a success with a JSON body (or none when `body` is undefined), or a
 * refusal the layer renders in the API's documented error shape for that status.
 */
export type ModelAnswer = { status: number; body?: unknown } | { status: number; refusal: string };

export interface StateModel {
  /** the operationIds this model answers; Prism alone answers the others */
  readonly operationIds: ReadonlySet<string>;
  answer(request: ModelRequest): ModelAnswer;
  /** returns the state to its seed */
  reset(): void;
}

/** Builds a model with its seed read from the contract; throws ModelSeedError when the contract lacks what it needs. */
export type ModelFactory = (contract: ContractIndex) => StateModel;

/** The contract does not document what a model seeds its state from; the message names what is missing. */
export class ModelSeedError extends Error {
  override readonly name = 'ModelSeedError';
}

/** The JSON example values one response of an operation documents; ModelSeedError when the contract has no such operation. */
export function responseExamples(contract: ContractIndex, operationId: string, status: number): unknown[] {
  const operation = contract.operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new ModelSeedError(`the contract has no operation ${operationId}`);
  return operation.jsonExamples[status] ?? [];
}
