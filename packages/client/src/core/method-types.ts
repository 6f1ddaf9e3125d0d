import type { ExtraHeaders } from './extra-headers.js';
import type { ApiResult, CallOptions, PageOptions } from './types.js';

/** Parameter names the client fills in itself, per location; callers never pass them. */
export interface AutoFilled {
  path: PropertyKey;
  query: PropertyKey;
  header: PropertyKey;
}

// the generated table marks a parameter the client fills in with the schema `false`
type InputPart<Spec, Location extends string> = Spec extends { input: { properties: { [L in Location]: { properties: infer P } } } } ? P : {};
type FalseKeys<P> = { [K in keyof P]: P[K] extends false ? K : never }[keyof P];

/** What one operation's caller never passes, read from its entry in the generated table. */
export type FilledByClient<Spec> = {
  path: FalseKeys<InputPart<Spec, 'path'>>;
  query: FalseKeys<InputPart<Spec, 'query'>>;
  header: FalseKeys<InputPart<Spec, 'headers'>>;
};

type ParamsAt<Op, Location extends string> = Op extends { parameters: infer P } ? (Location extends keyof P ? NonNullable<P[Location]> : never) : never;
type Without<T, Keys> = [T] extends [never] ? never : Omit<T, Keys & keyof T>;
// a part is required when any of its keys is, optional when none is, absent when it is empty
type Part<Key extends string, T> = [T] extends [never] ? unknown : keyof T extends never ? unknown : {} extends T ? { [P in Key]?: T } : { [P in Key]: T };
type BodyPart<Op> = Op extends { requestBody?: never }
  ? unknown
  : Op extends { requestBody: { content: { 'application/json': infer Body } } }
    ? { body: Body }
    : Op extends { requestBody?: { content: { 'application/json': infer Body } } }
      ? { body?: Body }
      : unknown;

/** What a generated method takes: its parameters by location, extra headers, its body, and call options. */
export type OperationInput<Op, Auto extends AutoFilled> = Part<'path', Without<ParamsAt<Op, 'path'>, Auto['path']>> &
  Part<'query', Without<ParamsAt<Op, 'query'>, Auto['query']>> &
  Part<'headers', Without<ParamsAt<Op, 'header'>, Auto['header']>> & { headers?: ExtraHeaders } & BodyPart<Op> &
  CallOptions;

/** The body of the operation's 200 response, or undefined when it has none. */
export type SuccessData<Op> = Op extends { responses: { 200: { content: { 'application/json': infer Data } } } } ? Data : undefined;

type Args<Input> = {} extends Input ? [input?: Input] : [input: Input];

export type OperationMethod<Op, Auto extends AutoFilled, Failure> = (...args: Args<OperationInput<Op, Auto>>) => Promise<ApiResult<SuccessData<Op>, Failure>>;

type Paged<Auto extends AutoFilled> = { path: Auto['path']; query: Auto['query'] | 'limit' | 'offset'; header: Auto['header'] };

export type PageIterator<Op, Auto extends AutoFilled, Failure> = (
  ...args: [...Args<OperationInput<Op, Paged<Auto>>>, options?: PageOptions]
) => AsyncGenerator<ApiResult<SuccessData<Op>, Failure>, void, undefined>;

type SpecOf<Table, Id> = Id extends keyof Table ? Table[Id] : never;

/** One typed method per operation in the generated table. */
export type OperationMethods<Table, Ops, Failure> = { [Id in keyof Ops]: OperationMethod<Ops[Id], FilledByClient<SpecOf<Table, Id>>, Failure> };

/** One page iterator per operation the generated table marks pageable. */
export type PageIterators<Table, Ops, Failure> = {
  [Id in keyof Ops as SpecOf<Table, Id> extends { pageItems: string } ? Id : never]: PageIterator<Ops[Id], FilledByClient<SpecOf<Table, Id>>, Failure>;
};
