// contract-gate [--root <repo>]: prints the gate's report; exits 1 when a pending changeset is missing
// or too small for the contract changes, 2 when the inputs cannot be read.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkGate, GateInputError } from './gate.js';
import { formatGateReport } from './report.js';
import { findWorkspaceRoot } from './workspace-root.js';

export async function main(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: { root: { type: 'string' } } });
    const result = await checkGate(values.root ? resolve(values.root) : findWorkspaceRoot(process.cwd()));
    const report = formatGateReport(result);
    if (result.short.length > 0) console.error(report);
    else console.log(report);
    return result.short.length > 0 ? 1 : 0;
  } catch (error) {
    const known = error instanceof GateInputError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(`contract-gate: ${known ? (error as Error).message : (error as Error).stack}`);
    return 2;
  }
}
