// Classifies the difference between two bundles of one contract as the version bump it calls for.
// api-smart-diff does the structural diff and its classification; it reads OpenAPI 3.1, which
// openapi-diff 0.24 refuses ("Unsupported OpenAPI version: 3.1.0").
import { pointerEscape } from '@cloud-backup-contracts/testkit/openapi-refs';
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
  return `/${path.map((part) => pointerEscape(String(part))).join('/')}`;
}

/** Component kinds the generated types expose by name: `components['schemas']['BackupShare']` and its alias. */
const namedComponentKinds = new Set(['schemas', 'parameters', 'responses', 'requestBodies', 'headers']);

/** Top-level sections that only document the API (the tool leaves edits inside `tags` unclassified). */
const proseSections = new Set(['info', 'tags', 'externalDocs', 'servers']);

/** The contract's mark on parameters the client fills in (see the README's "API registry"). */
const clientFilledKey = 'x-client-filled';
const clientFilledNote = "a client-generation hint, not part of the wire contract; the client's API report gates its effect";

/** Where a fact comes from (see the README's "Where each fact comes from"): documentation only. */
const provenanceKey = 'x-provenance';
const provenanceNote = 'where a fact comes from: documentation, nothing on the wire or in the types';

type Verdict = { bump: Exclude<Bump, 'none'>; note?: string };

/**
 * `components` entries: the tool classifies their contents without knowing whether a schema is read
 * or written (a response-only enum narrowing comes out "breaking" there and "non-breaking" under the
 * operation), and every such content change is reached again through `paths`, so contents are
 * skipped. Two things there are reached through no path:
 * - a component's name: the types package exports it (`components['schemas']['X']`, and the alias
 *   `X`), so removing or renaming one is breaking and adding one is an addition;
 * - the security schemes, which `security` names without inlining: the tool's class is kept, and a
 *   removal is breaking (see `security` below).
 */
function classifyComponent(diff: Diff): Verdict | undefined {
  const [, kind, name] = diff.path;
  if (kind === 'securitySchemes') {
    if (diff.action === 'remove') return { bump: 'major', note: 'clients that authenticate with this scheme are refused' };
    return classifyByTool(diff);
  }
  if (diff.path.length === 3 && namedComponentKinds.has(String(kind)) && (diff.action === 'add' || diff.action === 'remove')) {
    const exported = `components['${String(kind)}']['${String(name)}']`;
    return diff.action === 'add' ? { bump: 'minor' } : { bump: 'major', note: `breaking for typed consumers: the types package no longer exports ${exported}` };
  }
  return undefined;
}

function classifyByTool(diff: Diff): Verdict {
  switch (diff.type) {
    case 'breaking':
      return { bump: 'major' };
    case 'unclassified':
      return { bump: 'major', note: 'unclassified by the diff tool, so treated as breaking' };
    case 'annotation':
      return { bump: 'patch' };
    case 'non-breaking':
    case 'deprecated':
      return { bump: 'minor' };
  }
  return { bump: 'major', note: `unknown class "${String(diff.type)}", so treated as breaking` };
}

/**
 * Our rules over the tool's classes, for consumers who compile against the generated types:
 * - `components`: see classifyComponent.
 * - `info`, `tags`, `externalDocs`, `servers` only document the API: a patch (the client takes its
 *   endpoint from its options, not from `servers`).
 * - in a response, removing or replacing anything but prose is breaking: code that reads the
 *   removed field, compares with the removed enum value or relies on the old type stops compiling
 *   (the tool calls an optional response field's removal or a type change "non-breaking").
 * - changing or removing an operationId is breaking: the client's method and the types'
 *   `operations['<id>']` and aliases are named by it (the tool calls it an annotation).
 * - removing an accepted security requirement is breaking: clients using it are refused (the tool
 *   calls it "non-breaking" while another requirement remains).
 * - example values are prose: editing them is a patch.
 * - `x-client-filled` marks a parameter the client fills in: nothing changes on the wire, and the
 *   client's own API report shows (and gates) any change to its methods' inputs, so it is a patch.
 * - `x-provenance` (anywhere, security schemes included) names a fact's sources: a patch.
 * - what the tool leaves unclassified counts as breaking, so the gate fails safe.
 */
function classify(diff: Diff): Verdict | undefined {
  const [top] = diff.path;
  if (diff.path.at(-1) === clientFilledKey) return { bump: 'patch', note: clientFilledNote };
  if (diff.path.includes(provenanceKey)) return { bump: 'patch', note: provenanceNote };
  if (top === 'components') return classifyComponent(diff);
  if (proseSections.has(String(top))) return { bump: 'patch' };
  if (top === 'paths' && diff.path.length === 4 && diff.path[3] === 'operationId' && diff.action !== 'add') {
    return { bump: 'major', note: "breaking for typed consumers: the client's method and the operation's types are named by its operationId" };
  }
  const inSecurity = top === 'security' || (top === 'paths' && diff.path[3] === 'security');
  if (inSecurity && diff.action === 'remove' && diff.type !== 'breaking') {
    return { bump: 'major', note: 'clients that authenticate with the removed requirement are refused' };
  }
  if (diff.type === 'annotation') return { bump: 'patch' };
  // examples document the contract; the tool leaves edits inside them unclassified
  if (diff.path.some((part) => part === 'example' || part === 'examples')) return { bump: 'patch' };
  const inResponse = top === 'paths' && diff.path.includes('responses');
  if (inResponse && diff.type !== 'breaking' && (diff.action === 'remove' || diff.action === 'replace' || diff.action === 'rename')) {
    return { bump: 'major', note: 'breaking for typed consumers: a response loses or changes what their code reads' };
  }
  return classifyByTool(diff);
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
