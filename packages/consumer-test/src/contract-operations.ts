// The operations the bundled contracts declare, read the way the client's generator reads them
// (packages/client/scripts/generate-operations.mjs): one method per operationId, named as the
// operationId, plus a page iterator under `pages` for each listing that takes limit and offset.
import { type ApiName, apiNames, bundlePath, listOperations, loadBundle, resolveRef } from '@cloud-backup-contracts/testkit';

export interface ContractOperation {
  api: ApiName;
  operationId: string;
  /** the client method that calls it */
  method: string;
  pageable: boolean;
}

interface Parameter {
  name?: string;
  in?: string;
}

export function contractOperations(): ContractOperation[] {
  return apiNames.flatMap((api) => {
    const bundle = loadBundle(api);
    return listOperations(bundle).map(({ method, path, operation }) => {
      if (typeof operation.operationId !== 'string') throw new Error(`${bundlePath(api)}: ${method.toUpperCase()} ${path} has no operationId`);
      const shared = (bundle.paths[path]?.parameters ?? []) as unknown as Parameter[];
      const own = (operation.parameters ?? []) as Parameter[];
      const query = [...shared, ...own]
        .map((p) => resolveRef<Parameter>(bundle, p))
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      const pageable = query.includes('limit') && query.includes('offset');
      return { api, operationId: operation.operationId, method: operation.operationId, pageable };
    });
  });
}

/** The label the consumer program prints for each call: `ok <label> ...`. */
export function expectedCallLabels(operations: readonly ContractOperation[]): string[] {
  return operations.flatMap(({ method, pageable }) => (pageable ? [method, `pages.${method}`] : [method]));
}
