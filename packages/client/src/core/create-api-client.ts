import type { Client } from 'openapi-fetch';
import { callOperation, type CallInput } from './call-operation.js';
import type { ClientContext } from './client-context.js';
import type { AutoFilled, OperationMethods, PageIterators } from './method-types.js';
import type { OperationTable } from './operation-table.js';
import { iteratePages, type PageOptions } from './pagination.js';

/** A client: one method per operation, page iterators, and the underlying openapi-fetch client. */
export type ApiClient<Table extends OperationTable, Ops, Paths extends {}, Auto extends AutoFilled, Failure> = OperationMethods<Ops, Auto, Failure> & {
  /** `for await` page iterators over the listing operations */
  readonly pages: PageIterators<Table, Ops, Auto, Failure>;
  /** the openapi-fetch client underneath, signing included, for anything the methods do not cover */
  readonly raw: Client<Paths>;
};

/** Builds the methods from a generated table; nothing here is per operation. */
export function createApiClient<Table extends OperationTable, Ops, Paths extends {}, Auto extends AutoFilled, Failure>(table: Table, ctx: ClientContext): ApiClient<Table, Ops, Paths, Auto, Failure> {
  const methods: Record<string, unknown> = {};
  const pages: Record<string, unknown> = {};
  for (const [operationId, spec] of Object.entries(table)) {
    methods[operationId] = (input?: CallInput) => callOperation(ctx, operationId, spec, input);
    if (spec.pageItems) pages[operationId] = (input?: CallInput, options?: PageOptions) => iteratePages(ctx, operationId, spec, input, options);
  }
  return { ...methods, pages, raw: ctx.http } as ApiClient<Table, Ops, Paths, Auto, Failure>;
}
