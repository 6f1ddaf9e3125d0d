// A contract that passes the mock's own checks but that Prism refuses to load: a $ref to
// nothing. Prism exits with its reason before answering.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the contract into `dir`; returns its path. */
export function writeDanglingRefContract(dir: string): string {
  const file = join(dir, 'bad-ref.json');
  writeFileSync(
    file,
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'dangling', version: '1' },
      paths: { '/x': { get: { responses: { 200: { $ref: '#/components/responses/Nope' } } } } },
    }),
  );
  return file;
}
