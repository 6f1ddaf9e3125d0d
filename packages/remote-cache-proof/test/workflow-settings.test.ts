// The workflows' switch for the shared cache (.github/actions/turbo-remote-cache): its script run
// with bash as the runner runs it, for each combination of settings a repository can have.
// actionlint reads the workflows but not this local action, so what they pass it is checked here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRootAbove } from '@cloud-backup-contracts/testkit/workspace-root';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = workspaceRootAbove(import.meta.dirname)!;
const actionPath = join(root, '.github', 'actions', 'turbo-remote-cache', 'action.yml');
const action = parse(readFileSync(actionPath, 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { steps: { shell: string; env: Record<string, string>; run: string }[] };
};
const [step] = action.runs.steps;
const folder = mkdtempSync(join(tmpdir(), 'turbo-remote-cache-'));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

// placeholders: none of them may show up in the job's log
const token = 'token-7f3a9c';
const key = 'key-b81d44e0';
const full = { api: 'https://cache.example.test', team: 'backup-team', token, 'signature-key': key };

/** Runs the step as the runner would with these inputs; returns its output and what it added to the job's environment. */
function runStep(inputs: Record<string, string>) {
  const githubEnv = join(folder, `env-${Math.random().toString(36).slice(2)}`);
  writeFileSync(githubEnv, '');
  // the step's env maps each input through `${{ inputs.<name> }}`; the runner fills in the input or its default
  const env = Object.fromEntries(
    Object.entries(step!.env).map(([name, expression]) => {
      const input = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)?.[1];
      if (!input || !(input in action.inputs)) throw new Error(`${name}: ${expression} names no input of the action`);
      return [name, inputs[input] ?? action.inputs[input]!.default ?? ''];
    }),
  );
  const run = spawnSync('bash', ['-e', '-c', step!.run], { env: { PATH: process.env.PATH, GITHUB_ENV: githubEnv, ...env }, encoding: 'utf8' });
  const added = Object.fromEntries(
    readFileSync(githubEnv, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { status: run.status, output: `${run.stdout}${run.stderr}`, added };
}

describe('the shared-cache switch of the workflows', () => {
  it.each([
    ['no setting: the job runs on the local cache only, as before', {}, 0, {}, /no shared cache configured/],
    [
      'all four: turbo gets them, signed and read-write',
      full,
      0,
      { TURBO_API: full.api, TURBO_TEAM: full.team, TURBO_TOKEN: token, TURBO_REMOTE_CACHE_SIGNATURE_KEY: key, TURBO_CACHE: 'local:rw,remote:rw' },
      /shared cache on \(https:\/\/cache\.example\.test, team backup-team, read-write, signed artifacts\)/,
    ],
    [
      "no URL: Vercel's hosted cache, turbo's default",
      { ...full, api: '' },
      0,
      { TURBO_TEAM: full.team, TURBO_TOKEN: token, TURBO_REMOTE_CACHE_SIGNATURE_KEY: key, TURBO_CACHE: 'local:rw,remote:rw' },
      /Vercel's hosted cache/,
    ],
    [
      'read-only: branches replay what main stored',
      { ...full, access: 'read-only' },
      0,
      { TURBO_API: full.api, TURBO_TEAM: full.team, TURBO_TOKEN: token, TURBO_REMOTE_CACHE_SIGNATURE_KEY: key, TURBO_CACHE: 'local:rw,remote:r' },
      /read-only/,
    ],
    [
      'write-only: the release builds everything itself',
      { ...full, access: 'write-only' },
      0,
      { TURBO_API: full.api, TURBO_TEAM: full.team, TURBO_TOKEN: token, TURBO_REMOTE_CACHE_SIGNATURE_KEY: key, TURBO_CACHE: 'local:rw,remote:w' },
      /write-only/,
    ],
    [
      'a token without the key: off, with a warning naming what is missing',
      { ...full, 'signature-key': '' },
      0,
      {},
      /::warning::.*TURBO_REMOTE_CACHE_SIGNATURE_KEY secret/,
    ],
    [
      'a URL alone: off, naming the three missing',
      { api: full.api },
      0,
      {},
      /::warning::.*TURBO_TEAM secret, the TURBO_TOKEN secret, the TURBO_REMOTE_CACHE_SIGNATURE_KEY secret/,
    ],
    ['an access mode it does not know: the job fails', { ...full, access: 'sometimes' }, 1, {}, /::error::access must be read-write, read-only or write-only/],
  ])('%s', (_name, inputs, status, added, message) => {
    const result = runStep(inputs);
    expect(result.status, result.output).toBe(status);
    expect(result.added).toEqual(added);
    expect(result.output).toMatch(message);
    expect(result.output).not.toContain(token);
    expect(result.output).not.toContain(key);
  });
});

/** A GitHub Actions expression reading a repository secret. */
const secret = (name: string) => `\${{ secrets.${name} }}`;

describe('the workflows that use it', () => {
  const workflowsDir = join(root, '.github', 'workflows');
  const uses = readdirSync(workflowsDir).flatMap((file) => {
    const workflow = parse(readFileSync(join(workflowsDir, file), 'utf8')) as {
      jobs: Record<string, { steps?: { uses?: string; with?: Record<string, string> }[] }>;
    };
    return Object.values(workflow.jobs).flatMap((job) =>
      (job.steps ?? []).filter((step) => step.uses === './.github/actions/turbo-remote-cache').map((step) => ({ file, with: step.with ?? {} })),
    );
  });

  it('are ci, docs and release, each passing only inputs the action declares, the settings from secrets', () => {
    expect(uses.map((use) => use.file).sort()).toEqual(['ci.yml', 'docs.yml', 'release.yml']);
    for (const use of uses) {
      expect(
        Object.keys(use.with).filter((input) => !(input in action.inputs)),
        use.file,
      ).toEqual([]);
      expect(use.with, use.file).toMatchObject({
        api: secret('TURBO_API'),
        team: secret('TURBO_TEAM'),
        token: secret('TURBO_TOKEN'),
        'signature-key': secret('TURBO_REMOTE_CACHE_SIGNATURE_KEY'),
      });
    }
  });

  it.each(['release.yml', 'docs.yml'])('never let %s, which publishes, read the shared cache: it builds what it publishes itself', (file) => {
    expect(uses.find((use) => use.file === file)?.with.access).toBe('write-only');
  });
});
