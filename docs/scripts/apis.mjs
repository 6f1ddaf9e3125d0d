// The two references the site builds: which bundle each reads and what its page is called.
import { createRequire } from 'node:module';

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

const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Every operation of a bundled contract with what its reference page must show.
 * @param {any} bundle a parsed OpenAPI 3.1 document
 */
export function operationsOf(bundle) {
  /** @param {any} parameter */
  const resolve = (parameter) => {
    if (!parameter.$ref) return parameter;
    const name = parameter.$ref.replace('#/components/parameters/', '');
    return bundle.components.parameters[name];
  };
  const operations = [];
  for (const [path, item] of Object.entries(bundle.paths ?? {})) {
    for (const method of httpMethods) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(resolve);
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        summary: operation.summary,
        tags: operation.tags ?? [],
        parameters: parameters.map((p) => ({ name: p.name, in: p.in })),
        statuses: Object.keys(operation.responses ?? {}),
      });
    }
  }
  return operations;
}
