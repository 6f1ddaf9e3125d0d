export { bumpRank, compareContracts, maxBump, type Bump, type ContractChange, type ContractComparison } from './classify.js';
export { checkGate, compareApis, contractNames, GateInputError, type ApiVerdict, type GateResult } from './gate.js';
export { publicPackages } from './policy.js';
export { formatGateReport } from './report.js';
