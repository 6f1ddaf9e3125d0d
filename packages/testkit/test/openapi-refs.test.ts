import { describe, expect, it } from 'vitest';
import { listOperations, pointerEscape, pointerGet, pointerUnescape, resolvePointer, resolveRef } from '../src/openapi-refs.mjs';

const doc = {
  paths: {
    '/a/{id}': { parameters: [], get: { operationId: 'getA' }, post: { operationId: 'postA' } },
    '/b': { delete: { operationId: 'deleteB' } },
  },
  components: {
    schemas: {
      'a/b': { type: 'string' },
      'm~n': { type: 'integer' },
      '~1': { type: 'boolean' },
      Alias: { $ref: '#/components/schemas/AliasOfAlias' },
      AliasOfAlias: { $ref: '#/components/schemas/a~1b' },
      Dangling: { $ref: '#/components/schemas/Nope' },
      LoopA: { $ref: '#/components/schemas/LoopB' },
      LoopB: { $ref: '#/components/schemas/LoopA' },
      Self: { $ref: '#/components/schemas/Self' },
      External: { $ref: 'other.yaml#/components/schemas/X' },
      Zero: 0,
      Null: null,
    },
  },
  list: ['x', 'y'],
};

describe('pointerEscape / pointerUnescape', () => {
  it.each([
    ['plain', 'plain'],
    ['a/b', 'a~1b'],
    ['m~n', 'm~0n'],
    ['~1', '~01'],
    ['/~/', '~1~0~1'],
    ['application/json', 'application~1json'],
    ['/v2/{project_id}/count', '~1v2~1{project_id}~1count'],
  ])('%s <-> %s', (key, segment) => {
    expect(pointerEscape(key)).toBe(segment);
    expect(pointerUnescape(segment)).toBe(key);
  });
});

describe('pointerGet', () => {
  it.each<[string, unknown]>([
    ['', doc],
    ['/components/schemas/a~1b', { type: 'string' }],
    ['/components/schemas/m~0n', { type: 'integer' }],
    ['/components/schemas/~01', { type: 'boolean' }],
    ['/paths/~1a~1{id}/get/operationId', 'getA'],
    ['/list/1', 'y'],
    ['/components/schemas/Zero', 0],
    ['/components/schemas/Null', null],
    ['/components/schemas/missing', undefined],
    ['/components/schemas/Zero/deeper', undefined],
    ['/list/toString', undefined],
    ['/components/schemas/a/b', undefined],
  ])('%j -> %j', (pointer, expected) => {
    expect(pointerGet(doc, pointer)).toEqual(expected);
  });

  it('rejects a string that is not a JSON pointer', () => {
    expect(() => pointerGet(doc, 'components/schemas')).toThrow('not a JSON pointer: "components/schemas"');
  });
});

describe('resolveRef', () => {
  it.each<[string, unknown, unknown]>([
    ['a node without $ref as is', { type: 'object' }, { type: 'object' }],
    ['undefined as is', undefined, undefined],
    ['a primitive as is', 3, 3],
    ['one hop to an escaped key', { $ref: '#/components/schemas/a~1b' }, { type: 'string' }],
    ['a ~0 key', { $ref: '#/components/schemas/m~0n' }, { type: 'integer' }],
    ['a key spelled ~1', { $ref: '#/components/schemas/~01' }, { type: 'boolean' }],
    ['nested refs to the end', { $ref: '#/components/schemas/Alias' }, { type: 'string' }],
    ['a ref to a falsy value', { $ref: '#/components/schemas/Zero' }, 0],
    ['the whole document', { $ref: '#' }, doc],
  ])('follows %s', (_, node, expected) => {
    expect(resolveRef(doc, node)).toEqual(expected);
  });

  it.each([
    ['a dangling ref, naming it', { $ref: '#/components/schemas/Dangling' }, 'dangling $ref #/components/schemas/Nope: nothing at that pointer'],
    ['a ref into nothing', { $ref: '#/components/schemas/Zero/deeper' }, 'dangling $ref #/components/schemas/Zero/deeper'],
    [
      'a loop, with its path',
      { $ref: '#/components/schemas/LoopA' },
      '$ref loop: #/components/schemas/LoopA -> #/components/schemas/LoopB -> #/components/schemas/LoopA',
    ],
    ['a ref to itself', { $ref: '#/components/schemas/Self' }, '$ref loop: #/components/schemas/Self -> #/components/schemas/Self'],
    [
      'an external ref',
      { $ref: '#/components/schemas/External' },
      '$ref other.yaml#/components/schemas/X cannot be resolved: only internal "#/..." references are',
    ],
  ])('throws on %s', (_, node, message) => {
    expect(() => resolveRef(doc, node)).toThrow(message);
  });
});

describe('resolvePointer', () => {
  it.each([
    ['/components/schemas/Alias', { pointer: '/components/schemas/a~1b', value: { type: 'string' } }],
    ['/components/schemas/m~0n', { pointer: '/components/schemas/m~0n', value: { type: 'integer' } }],
    ['/components/schemas/missing', { pointer: '/components/schemas/missing', value: undefined }],
  ])('%s ends at %j', (pointer, expected) => {
    expect(resolvePointer(doc, pointer)).toEqual(expected);
  });
});

describe('listOperations', () => {
  it('lists every operation in document order with its pointer', () => {
    expect(listOperations(doc).map(({ method, path, operationId, pointer }) => ({ method, path, operationId, pointer }))).toEqual([
      { method: 'get', path: '/a/{id}', operationId: 'getA', pointer: '/paths/~1a~1{id}/get' },
      { method: 'post', path: '/a/{id}', operationId: 'postA', pointer: '/paths/~1a~1{id}/post' },
      { method: 'delete', path: '/b', operationId: 'deleteB', pointer: '/paths/~1b/delete' },
    ]);
  });
});
