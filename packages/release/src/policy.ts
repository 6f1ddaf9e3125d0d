// The version policy: a contract change bumps every public package by what the change calls for.
// The types and the client are generated from the contracts; the mock ships them, so it follows.
export const publicPackages = ['@cloud-backup-contracts/types', '@cloud-backup-contracts/client', '@cloud-backup-contracts/mock'] as const;

export const changesetCommand = 'npm run pnpm -- changeset';
