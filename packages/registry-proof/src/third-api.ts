// The fixture third API and how it is added to a workspace copy: its spec folder, its client
// adapter folder, and one entry in the registry. Nothing else may be needed.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixture/', import.meta.url));

export const thirdApi = {
  name: 'demo-widgets',
  label: 'Demo widgets API',
  /** where each of the three additions lands in the workspace */
  places: ['spec/demo-widgets/', 'packages/client/src/demo-widgets/', 'redocly.yaml'],
} as const;

export function addThirdApi(workspace: string): void {
  cpSync(join(fixture, 'spec', thirdApi.name), join(workspace, 'spec', thirdApi.name), { recursive: true });
  cpSync(join(fixture, 'adapter', thirdApi.name), join(workspace, 'packages', 'client', 'src', thirdApi.name), { recursive: true });
  const registry = join(workspace, 'redocly.yaml');
  const text = readFileSync(registry, 'utf8');
  // the entry goes at the end of the `apis` map, which the next top-level key closes
  const start = text.search(/^apis:/m);
  const after = start < 0 ? -1 : text.slice(start + 'apis:'.length).search(/^[a-z][\w-]*:/m);
  if (after < 0) throw new Error('redocly.yaml has no apis map followed by another top-level key');
  const end = start + 'apis:'.length + after;
  // the fixture holds the entry as it reads on its own; under `apis:` it is indented one level
  const entry = readFileSync(join(fixture, 'registry-entry.yaml'), 'utf8').trimEnd().replace(/^/gm, '  ');
  writeFileSync(registry, `${text.slice(0, end).trimEnd()}\n${entry}\n\n${text.slice(end)}`);
}

/** The place a changed file belongs to: one of {@link thirdApi.places}, or the file itself. */
export function placeOf(file: string): string {
  return thirdApi.places.find((place) => (place.endsWith('/') ? file.startsWith(place) : file === place)) ?? file;
}
