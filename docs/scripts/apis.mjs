// The two references the site builds: which bundle each reads and what its page is called.
import { createRequire } from 'node:module';
import { listOperations, resolveRef } from '@cloud-backup-contracts/testkit/openapi-refs';

const require = createRequire(import.meta.url);

/** @typedef {{ name: string, bundlePackage: string, title: string, label: string, bundlePath: string }} ApiReference */

/** @type {ApiReference[]} */
export const apiReferences = [
  {
    name: 'huawei-vbs',
    bundlePackage: '@cloud-backup-contracts/spec-huawei-vbs',
    title: 'Huawei Cloud VBS backup sharing API reference',
    label: 'Huawei VBS API',
  },
  {
    name: 'alibaba-hbr',
    bundlePackage: '@cloud-backup-contracts/spec-alibaba-hbr',
    title: 'Alibaba Cloud Backup (HBR) statistics API reference',
    label: 'Alibaba HBR API',
  },
].map((api) => ({ ...api, bundlePath: require.resolve(`${api.bundlePackage}/openapi.json`) }));

/**
 * Every operation of a bundled contract with what its reference page must show.
 * @param {any} bundle a parsed OpenAPI 3.1 document
 */
export function operationsOf(bundle) {
  return listOperations(bundle).map(({ method, path, operation }) => {
    /** @type {any} */
    const op = operation;
    /** @type {any[]} */
    const parameters = [...(bundle.paths[path].parameters ?? []), ...(op.parameters ?? [])].map((parameter) => resolveRef(bundle, parameter));
    return {
      method: method.toUpperCase(),
      path,
      operationId: op.operationId,
      summary: op.summary,
      tags: op.tags ?? [],
      parameters: parameters.map((p) => ({ name: p.name, in: p.in })),
      statuses: Object.keys(op.responses ?? {}),
    };
  });
}
