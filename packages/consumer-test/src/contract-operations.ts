// The operations the bundled contracts declare, read the way the client's generator reads them
// (packages/client/scripts/generate-operations.mjs): one method per operationId, named as the
// operationId, plus a page iterator under `pages` for each listing that takes limit and offset.
import { readFileSync } from 'node:fs';
import { resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';
import { contractBundles } from './repo.js';

export interface ContractOperation {
  api: keyof typeof contractBundles;
  operationId: string;
  /** the client method that calls it */
  method: string;
  pageable: boolean;
}

interface Parameter {
  name?: string;
  in?: string;
  $ref?: string;
}
interface Bundle {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Parameter[] } | Parameter[]>>;
  components?: { parameters?: Record<string, Parameter> };
}

const httpMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

export function contractOperations(): ContractOperation[] {
  return Object.entries(contractBundles).flatMap(([api, file]) => {
    const bundle = JSON.parse(readFileSync(file, 'utf8')) as Bundle;
    return Object.values(bundle.paths).flatMap((item) => {
      const shared = (item.parameters ?? []) as Parameter[];
      return httpMethods.flatMap((method) => {
        const operation = item[method] as { operationId?: string; parameters?: Parameter[] } | undefined;
        if (!operation) return [];
        if (!operation.operationId) throw new Error(`${file}: ${method.toUpperCase()} has no operationId`);
        const query = [...shared, ...(operation.parameters ?? [])].map((p) => resolveRef<Parameter>(bundle, p)).filter((p) => p.in === 'query').map((p) => p.name);
        const pageable = query.includes('limit') && query.includes('offset');
        return [{ api: api as ContractOperation['api'], operationId: operation.operationId, method: operation.operationId, pageable }];
      });
    });
  });
}

/** The label the consumer program prints for each call: `ok <label> ...`. */
export function expectedCallLabels(operations: readonly ContractOperation[]): string[] {
  return operations.flatMap(({ method, pageable }) => (pageable ? [method, `pages.${method}`] : [method]));
}
