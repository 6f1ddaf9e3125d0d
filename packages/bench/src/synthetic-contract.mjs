// A synthetic OpenAPI 3.1 contract of n operations, shaped like ours: one GET per path with a
// path and a query parameter, a response schema of its own in components, an error response.

export function syntheticContract(operations) {
  const paths = {};
  const schemas = { Error: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, message: { type: 'string' } } } };
  for (let i = 0; i < operations; i++) {
    schemas[`Item${i}`] = {
      type: 'object',
      required: ['id', 'name'],
      properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string', maxLength: 64 }, size: { type: 'integer', minimum: 0 } },
    };
    paths[`/v1/{project_id}/items${i}/{item_id}`] = {
      get: {
        operationId: `getItem${i}`,
        summary: `Get item ${i}`,
        description: `Returns one item of kind ${i}.`,
        tags: ['items'],
        parameters: [
          { name: 'project_id', in: 'path', required: true, description: 'Project.', schema: { type: 'string', pattern: '^[a-f0-9]{32}$' } },
          { name: 'item_id', in: 'path', required: true, description: 'Item.', schema: { type: 'string', format: 'uuid' } },
          { name: 'limit', in: 'query', description: 'Most items.', schema: { type: 'integer', minimum: 1, maximum: 100 } },
        ],
        responses: {
          200: {
            description: 'The item.',
            content: {
              'application/json': { schema: { $ref: `#/components/schemas/Item${i}` }, example: { id: '87566ed6-72cb-4053-aa6e-6f6b5b6a7d3f', name: 'a' } },
            },
          },
          400: { description: 'Bad request.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: `Synthetic ${operations}`, version: '1.0.0', description: 'Benchmark input.', license: { name: 'MIT', identifier: 'MIT' } },
    servers: [{ url: 'https://example.com' }],
    tags: [{ name: 'items', description: 'Items.' }],
    security: [],
    paths,
    components: { schemas },
  };
}
