export { apiNames, bundledContractPath, defaultPorts, type ApiFlag, type ApiName } from './contracts.js';
export {
  answers as mockAnswers,
  MockStartError,
  startMock,
  type MockExit,
  type MockStartProblem,
  type PerApiOptions,
  type RunningMock,
  type StartMockBaseOptions,
  type StartMockOptions,
  type VerifyingCredentials,
} from './start-mock.js';
