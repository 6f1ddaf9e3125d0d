import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ApiName, repoRoot } from '@cloud-backup-contracts/testkit';

/**
 * A fresh copy of an API's released bundle, to edit into a fixture pair. The released bundle, not
 * the current one: a contract edit in progress must not change what these tests start from.
 */
export function bundleOf(api: ApiName): any {
  return JSON.parse(readFileSync(join(repoRoot, `spec/${api}/released/openapi.json`), 'utf8'));
}

/** One named edit of a bundle: the "after" side of a fixture pair. */
export interface Mutation {
  name: string;
  api: ApiName;
  edit: (bundle: any) => void;
}

const countPath = '/v2/{project_id}/os-vendor-backup-sharing/count';

export const breakingMutations: (Mutation & { names: RegExp })[] = [
  {
    name: 'removing a required response field',
    api: 'huawei-vbs',
    edit: (b) => {
      delete b.components.schemas.BackupShareCount.properties.count;
      b.components.schemas.BackupShareCount.required = [];
    },
    names: /property `count` in Response 200/,
  },
  {
    name: 'removing an optional response field',
    api: 'huawei-vbs',
    edit: (b) => delete b.components.schemas.BackupShare.properties.deleted_at,
    names: /property `deleted_at`/,
  },
  {
    name: 'removing an Alibaba response field',
    api: 'alibaba-hbr',
    edit: (b) => delete b.components.schemas.BasicStatistics.properties.GlobalStatistics,
    names: /GlobalStatistics/,
  },
  {
    name: 'making an optional query parameter required',
    api: 'huawei-vbs',
    edit: (b) => (b.components.parameters.Name.required = true),
    names: /query parameter `name`/,
  },
  {
    name: 'removing an enum value of a request parameter',
    api: 'huawei-vbs',
    edit: (b) => (b.components.parameters.SortDir.schema.enum = b.components.parameters.SortDir.schema.enum.slice(0, -1)),
    names: /query parameter `sort_dir`/,
  },
  {
    name: 'removing an enum value of a response field',
    api: 'huawei-vbs',
    edit: (b) => (b.components.schemas.SharedBackup.properties.status.enum = b.components.schemas.SharedBackup.properties.status.enum.slice(0, -1)),
    names: /`shared\[\]\.backup\.status`/,
  },
  {
    name: "changing a response field's type",
    api: 'huawei-vbs',
    edit: (b) => (b.components.schemas.BackupShareCount.properties.count.type = 'string'),
    names: /type definition of `count`/,
  },
  {
    name: 'removing an operation',
    api: 'huawei-vbs',
    edit: (b) => delete b.paths[countPath],
    names: /\[Removed\] operation GET \/v2\/\{project_id\}\/os-vendor-backup-sharing\/count/,
  },
  { name: 'renaming an operationId', api: 'huawei-vbs', edit: (b) => (b.paths[countPath].get.operationId = 'countShares'), names: /operationId/ },
  {
    name: 'renaming a schema component',
    api: 'huawei-vbs',
    edit: (b) => {
      const renamed = JSON.parse(JSON.stringify(b).replaceAll('"#/components/schemas/ErrorDetail"', '"#/components/schemas/ErrorItem"'));
      renamed.components.schemas.ErrorItem = renamed.components.schemas.ErrorDetail;
      delete renamed.components.schemas.ErrorDetail;
      Object.assign(b, renamed);
    },
    names: /components\['schemas'\]\['ErrorDetail'\]/,
  },
  {
    name: 'renaming the header of a security scheme',
    api: 'huawei-vbs',
    edit: (b) => (b.components.securitySchemes.iamToken.name = 'X-Token'),
    names: /securitySchemes\/iamToken\/name/,
  },
  { name: 'dropping one of two accepted signatures', api: 'alibaba-hbr', edit: (b) => (b.security = b.security.slice(0, 1)), names: /removed requirement/ },
  {
    name: 'adding a root extension the diff tool cannot classify',
    api: 'huawei-vbs',
    edit: (b) => (b['x-rate-limit'] = 10),
    names: /unclassified by the diff tool, so treated as breaking/,
  },
];

export const additiveMutations: Mutation[] = [
  {
    name: 'adding an optional response field',
    api: 'huawei-vbs',
    edit: (b) => (b.components.schemas.BackupShareCount.properties.note = { type: 'string', description: 'A note.' }),
  },
  {
    name: 'adding an operation',
    api: 'huawei-vbs',
    edit: (b) =>
      (b.paths['/v2/{project_id}/os-vendor-backup-sharing/total'] = { get: { ...structuredClone(b.paths[countPath].get), operationId: 'totalBackupShares' } }),
  },
  {
    name: 'adding an optional query parameter',
    api: 'alibaba-hbr',
    edit: (b) => {
      b.paths['/'].parameters.push({ name: 'Extra', in: 'query', required: false, description: 'An extra filter.', schema: { type: 'string' } });
    },
  },
];

export const proseMutations: Mutation[] = [
  { name: 'marking a parameter as filled in by the client', api: 'huawei-vbs', edit: (b) => (b.components.parameters.Name['x-client-filled'] = true) },
  {
    name: 'saying where a security scheme, a parameter and a response schema come from (x-provenance)',
    api: 'huawei-vbs',
    edit: (b) => {
      const provenance = { sources: ['https://support.huaweicloud.com/intl/en-us/api-vbs/en-us_topic_0078214154.html'] };
      b.components.securitySchemes.iamToken['x-provenance'] = provenance;
      b.components.parameters.Name['x-provenance'] = provenance;
      b.components.schemas.BackupShareCount['x-provenance'] = provenance;
      b.paths[countPath].get['x-provenance'] = provenance;
    },
  },
  {
    name: 'changing an assumption (x-provenance)',
    api: 'alibaba-hbr',
    edit: (b) => (b.components.schemas.GlobalStatistics['x-provenance'] = { assumption: 'Assumption, because no page states it.' }),
  },
  { name: 'rewording a parameter description', api: 'huawei-vbs', edit: (b) => (b.components.parameters.Name.description += ' Case-sensitive.') },
  { name: 'rewording a tag description', api: 'huawei-vbs', edit: (b) => (b.tags[0].description += ' Shares are per project.') },
  { name: 'rewording the endpoint description', api: 'huawei-vbs', edit: (b) => (b.servers[0].description += ' HTTPS only.') },
  {
    name: 'adding provenance to a response and its schema',
    api: 'huawei-vbs',
    edit: (b) => {
      const response = b.paths[countPath].get.responses['200'];
      response['x-provenance'] = { sources: ['https://vendor.example/count'] };
      b.components.schemas.BackupShareCount['x-provenance'] = { assumption: 'Assumption, because no page says so.' };
    },
  },
  {
    name: 'changing the sources of a parameter',
    api: 'huawei-vbs',
    edit: (b) => {
      b.components.parameters.Name['x-provenance'] = { sources: ['https://vendor.example/a'] };
    },
  },
  {
    name: 'changing a response example',
    api: 'huawei-vbs',
    edit: (b) => {
      const media = b.paths[countPath].get.responses['200'].content['application/json'];
      media.example = { total: 3 };
    },
  },
];
