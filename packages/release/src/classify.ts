// Classifies the difference between two bundles of one contract as the version bump it calls for.
// api-smart-diff does the structural diff and its classification; it reads OpenAPI 3.1, which
// openapi-diff 0.24 refuses ("Unsupported OpenAPI version: 3.1.0").
import { apiCompare, type Diff } from 'api-smart-diff';

export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface ContractChange {
  bump: Exclude<Bump, 'none'>;
  /** JSON pointer of the change in the bundle */
  pointer: string;
  /** the tool's explanation, with ours in front when our rules changed its class */
  explanation: string;
}

export interface ContractComparison {
  bump: Bump;
  changes: ContractChange[];
}

export const bumpRank: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export function maxBump(bumps: Iterable<Bump>): Bump {
  let max: Bump = 'none';
  for (const bump of bumps) if (bumpRank[bump] > bumpRank[max]) max = bump;
  return max;
}

function pointerOf(path: readonly (string | number)[]): string {
  return '/' + path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
}

/**
 * Our rules over the tool's classes, for consumers who compile against the generated types:
 * - `components` entries are skipped: the tool classifies them without knowing whether a schema is
 *   read or written (a response-only enum narrowing comes out "breaking" there and "non-breaking"
 *   under the operation); every component that matters is reached again through `paths`.
 * - in a response, removing or replacing anything but prose is breaking: code that reads the
 *   removed field, compares with the removed enum value or relies on the old type stops compiling
 *   (the tool calls an optional response field's removal or a type change "non-breaking").
 * - example values are prose: editing them is a patch.
 * - what the tool leaves unclassified counts as breaking, so the gate fails safe.
 */
function classify(diff: Diff): { bump: Exclude<Bump, 'none'>; note?: string } | undefined {
  const [top] = diff.path;
  if (top === 'components') return undefined;
  if (diff.type === 'annotation') return { bump: 'patch' };
  // examples document the contract; the tool leaves edits inside them unclassified
  if (diff.path.some((part) => part === 'example' || part === 'examples')) return { bump: 'patch' };
  const inResponse = top === 'paths' && diff.path.includes('responses');
  if (inResponse && diff.type !== 'breaking' && (diff.action === 'remove' || diff.action === 'replace' || diff.action === 'rename')) {
    return { bump: 'major', note: 'breaking for typed consumers: a response loses or changes what their code reads' };
  }
  switch (diff.type) {
    case 'breaking':
      return { bump: 'major' };
    case 'unclassified':
      return { bump: 'major', note: 'unclassified by the diff tool, so treated as breaking' };
    case 'non-breaking':
    case 'deprecated':
      return { bump: 'minor' };
  }
  return { bump: 'major', note: `unknown class "${String(diff.type)}", so treated as breaking` };
}

/** What changed from `released` to `current`, and the bump that calls for. */
export function compareContracts(released: unknown, current: unknown): ContractComparison {
  const changes: ContractChange[] = [];
  for (const diff of apiCompare(released, current).diffs) {
    const verdict = classify(diff);
    if (!verdict) continue;
    const pointer = pointerOf(diff.path);
    const told = diff.description ?? `[${diff.action}] ${pointer}`;
    changes.push({ bump: verdict.bump, pointer, explanation: verdict.note ? `${told} (${verdict.note})` : told });
  }
  return { bump: maxBump(changes.map((change) => change.bump)), changes };
}
