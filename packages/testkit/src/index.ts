export * from './bundles.ts';
export * from './contract-suites.ts';
export * from './examples.ts';
export * from './schema-validator.ts';
export * from './generated-snapshots.ts';
export * from './vendor-examples.ts';
