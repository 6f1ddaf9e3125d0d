import { describe, expect, it } from 'vitest';
import { compareContracts } from '../src/classify.js';
import { additiveMutations, breakingMutations, bundleOf, proseMutations, type Mutation } from './support/bundles.js';

function compareAfter({ api, edit }: Mutation) {
  const released = bundleOf(api);
  const current = bundleOf(api);
  edit(current);
  return compareContracts(released, current);
}

describe('classifying a contract change', () => {
  it.each(breakingMutations)('$name calls for a major release, explained by the field it names', (mutation) => {
    const { bump, changes } = compareAfter(mutation);
    expect(bump).toBe('major');
    const majors = changes.filter((change) => change.bump === 'major');
    expect(majors.map((change) => change.explanation).join('\n')).toMatch(mutation.names);
    // a component's contents are judged where operations use them, never under components
    for (const change of majors) expect(change.pointer).not.toMatch(/^\/components\/(schemas|parameters|responses|requestBodies|headers)\/[^/]+\//);
  });

  it.each(additiveMutations)('$name calls for a minor release, not a major one', (mutation) => {
    const { bump, changes } = compareAfter(mutation);
    expect(bump).toBe('minor');
    expect(changes.length).toBeGreaterThan(0);
  });

  it.each(proseMutations)('$name calls for a patch release', (mutation) => {
    expect(compareAfter(mutation).bump).toBe('patch');
  });

  it.each(['huawei-vbs', 'alibaba-hbr'] as const)('an unchanged %s bundle calls for nothing', (api) => {
    expect(compareContracts(bundleOf(api), bundleOf(api))).toEqual({ bump: 'none', changes: [] });
  });

  it('unmarking a parameter filled in by the client calls for a patch release', () => {
    const marked = bundleOf('huawei-vbs');
    marked.components.parameters.ProjectId['x-client-filled'] = true;
    const { bump, changes } = compareContracts(marked, bundleOf('huawei-vbs'));
    expect(bump).toBe('patch');
    // the component, and each operation that uses it
    expect(changes.length).toBe(6);
    for (const change of changes) expect(change.pointer).toMatch(/\/x-client-filled$/);
  });

  it('reports a changed component once per operation that uses it, never under components', () => {
    const { changes } = compareAfter(breakingMutations[1]!);
    expect(changes.map((change) => change.pointer).every((pointer) => pointer.startsWith('/paths/'))).toBe(true);
    // BackupShare is returned by create (as items) and by get (through allOf)
    expect(changes).toHaveLength(2);
  });
});
