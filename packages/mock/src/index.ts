export { apiNames, bundledContractPath, defaultPorts, type ApiName } from './contracts.js';
export {
  answers as mockAnswers,
  type DriftFinding,
  type DriftKind,
  MockStartError,
  startMock,
  type MockExit,
  type MockStartProblem,
  type RunningMock,
  type StartMockOptions,
  type VerifyingCredentials,
} from './start-mock.js';
