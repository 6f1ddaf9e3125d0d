// The consumer program must call every operation the contracts declare, so adding an operation
// to a contract fails here until the program (and so the consumer test) uses it.
import { describe, expect, it } from 'vitest';
import { contractOperations } from '../src/contract-operations.js';
import { calledMethods } from '../src/program-calls.js';
import { consumerProgram } from '../src/repo.js';

const operations = contractOperations();
const called = calledMethods(consumerProgram);
const calledList = [...called].sort().join(', ');

describe('the consumer program covers the contracts', () => {
  it('finds operations in both bundled contracts', () => {
    expect(new Set(operations.map((operation) => operation.api))).toEqual(new Set(['huawei-vbs', 'alibaba-hbr']));
  });

  it.each(operations)('calls $api operation $operationId as the client method $method', ({ operationId, method }) => {
    expect(
      called,
      `fixture/consumer.ts never calls <client>.${method}(...); every operation in the contracts (here ${operationId}) must be used by the consumer program (it calls: ${calledList})`,
    ).toContain(method);
  });

  it.each(operations.filter((operation) => operation.pageable))('walks every page of the listing $operationId with pages.$method', ({ method }) => {
    expect(called, `fixture/consumer.ts never calls <client>.pages.${method}(...); every pageable listing must be walked (it calls: ${calledList})`).toContain(
      `pages.${method}`,
    );
  });
});
