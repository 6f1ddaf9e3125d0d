// The gate's report: every change with its explanation, the bump required, and what to do.
import type { GateResult } from './gate.js';
import { changesetCommand, publicPackages } from './policy.js';

export function formatGateReport(result: GateResult): string {
  const lines: string[] = [];
  for (const { api, comparison } of result.apis) {
    if (comparison.changes.length === 0) {
      lines.push(`${api}: no change since its released bundle`);
      continue;
    }
    lines.push(`${api}: ${comparison.changes.length} change(s) since its released bundle, calling for a ${comparison.bump} release`);
    for (const change of comparison.changes) lines.push(`  ${change.bump.padEnd(5)} ${change.explanation}`, `        at ${change.pointer}`);
  }
  const pending = result.changesets.length > 0 ? result.changesets.join(', ') : 'none';
  lines.push(`pending changesets: ${pending}`);
  for (const name of publicPackages)
    lines.push(`  ${name}: ${result.planned[name]} (needs ${result.required === 'none' ? 'nothing' : `at least ${result.required}`})`);
  if (result.short.length === 0) {
    lines.push(
      result.required === 'none'
        ? 'contract gate: passed (the contracts match their released bundles)'
        : 'contract gate: passed (the pending changesets cover the contract changes)',
    );
  } else {
    lines.push(
      `contract gate: FAILED: the contract changes call for a ${result.required} release of ${publicPackages.join(', ')}, ` +
        `but the pending changesets give ${result.short.map((name) => `${name} ${result.planned[name]}`).join(', ')}.`,
      `  Run \`${changesetCommand}\`, pick all three packages and choose "${result.required}", and describe the change for their changelogs.`,
      '  If the change was not meant to be breaking, change the contract back instead.',
      '  `npm run release` later refreshes spec/<api>/released/ so the next comparison starts from the new release.',
    );
  }
  return lines.join('\n');
}
