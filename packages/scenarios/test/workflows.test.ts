// Each workflow file run by `redocly respect` against the real contract mock, which keeps state
// and checks every request's token or signature; the Alibaba workflow goes through the signing
// relay. Broken copies of a workflow must make respect fail and name the failing step.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Document } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SigningRelay, startSigningRelay } from '../src/signing-relay.js';
import { type ScenarioCredentials, writeCredentials } from './support/credentials.js';
import { type MockCli, startMockCli } from './support/mock-cli.js';
import { type RespectRun, runRespect } from './support/respect.js';
import { brokenCopy, stepIdsOf, stepPath, workflowsDir } from './support/workflow-file.js';

const huaweiWorkflow = join(workflowsDir, 'huawei-vbs-sharing.arazzo.yaml');
const alibabaWorkflow = join(workflowsDir, 'alibaba-hbr-statistics.arazzo.yaml');

let dir: string;
let credentials: ScenarioCredentials;
let mock: MockCli;
let relay: SigningRelay;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
  credentials = writeCredentials(dir);
  mock = await startMockCli(['--stateful', '--verify-signatures', '--credentials', credentials.file]);
  relay = await startSigningRelay({ api: 'alibaba-hbr', credentials: credentials.alibaba, target: mock.urls['alibaba-hbr'] });
});

afterAll(async () => {
  await relay?.close();
  await mock?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The Huawei workflow (or a copy of it) with a backup id no run has shared yet. */
const runHuawei = (file: string, token = credentials.huaweiToken): Promise<RespectRun> =>
  runRespect(file, {
    inputs: { token, backupId: randomUUID() },
    servers: { 'huawei-vbs': mock.urls['huawei-vbs'] },
    jsonOutput: join(dir, `huawei-${randomUUID()}.json`),
  });

const runAlibaba = (file: string): Promise<RespectRun> =>
  runRespect(file, { servers: { 'alibaba-hbr': relay.url }, jsonOutput: join(dir, `alibaba-${randomUUID()}.json`) });

/** Every step of the file ran, in order, and passed every check. */
function expectEveryStepPassed(run: RespectRun, file: string): void {
  expect(run.exitCode, run.output).toBe(0);
  expect(run.steps.map(({ stepId, status, failedChecks }) => [stepId, status, failedChecks])).toEqual(stepIdsOf(file).map((stepId) => [stepId, 'success', []]));
}

/** Respect failed at `stepId`, every step before it passed, and it said so by name. */
function expectFailedAt(run: RespectRun, file: string, stepId: string): void {
  expect(run.exitCode, run.output).not.toBe(0);
  const steps = stepIdsOf(file);
  expect(run.steps.map((step) => step.stepId)).toEqual(steps.slice(0, steps.indexOf(stepId) + 1));
  expect(run.steps.slice(0, -1).every((step) => step.status === 'success')).toBe(true);
  expect(run.steps.at(-1)!.status).not.toBe('success');
  expect(run.steps.at(-1)!.failedChecks).not.toEqual([]);
  expect(run.output).toContain(`stepId - ${stepId}`);
}

describe('the workflows pass against the stateful mock that verifies signatures', () => {
  it('huawei-vbs-sharing: share with two projects, count, list, get, cancel by backup id, count 0, get 404', async () => {
    const run = await runHuawei(huaweiWorkflow);
    expectEveryStepPassed(run, huaweiWorkflow);
  });

  it('alibaba-hbr-statistics: GET in the RPC V2 form and POST in the ACS3 form, both signed by the relay', async () => {
    const run = await runAlibaba(alibabaWorkflow);
    expectEveryStepPassed(run, alibabaWorkflow);
  });
});

describe('respect fails and names the step', () => {
  // what is broken, the step that must fail, the status the mock answers it with
  const broken: [what: string, stepId: string, status: number, change: (arazzo: Document) => void][] = [
    [
      'the count step expects 3 shares',
      'countShares',
      200,
      (arazzo) =>
        arazzo.setIn(
          [...stepPath(arazzo, 'countShares'), 'successCriteria'],
          arazzo.createNode([{ condition: '$statusCode == 200' }, { condition: '$response.body#/count == 3' }]),
        ),
    ],
    [
      'the share step sends the project ids as one string (the contract wants a list)',
      'shareBackup',
      400,
      (arazzo) =>
        arazzo.setIn(
          [...stepPath(arazzo, 'shareBackup'), 'requestBody', 'payload', 'shared', 'to_project_ids'],
          arazzo.createNode('0605767c3f00d5762fa8c0147ee18d02'),
        ),
    ],
  ];

  it.each(broken)('huawei-vbs-sharing when %s', async (_what, stepId, status, change) => {
    const copy = brokenCopy(huaweiWorkflow, mkdtempSync(join(dir, 'broken-')), change);
    const run = await runHuawei(copy);
    expectFailedAt(run, copy, stepId);
    expect(run.steps.at(-1)!.statusCode).toBe(status);
  });

  it('huawei-vbs-sharing when the token is not one the mock accepts (401 at the first step)', async () => {
    const run = await runHuawei(huaweiWorkflow, `${credentials.huaweiToken}x`);
    expectFailedAt(run, huaweiWorkflow, 'shareBackup');
    expect(run.steps[0]!.statusCode).toBe(401);
  });

  it('alibaba-hbr-statistics when its requests skip the relay (the mock refuses them unsigned)', async () => {
    const run = await runRespect(alibabaWorkflow, { servers: { 'alibaba-hbr': mock.urls['alibaba-hbr'] }, jsonOutput: join(dir, 'unsigned.json') });
    expectFailedAt(run, alibabaWorkflow, 'statisticsByGet');
    // the verifying front's IncompleteSignature, as the service answers a request without a signature
    expect(run.steps[0]!.statusCode).toBe(400);
  });
});
