// `redocly respect` (the installed @redocly/cli bin) as a real child process, and its JSON report.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const redocly = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

export interface RespectOptions {
  /** the workflow inputs (sent as one JSON `--input`) */
  inputs?: Record<string, unknown>;
  /** source description name -> base URL (one `--server name=url` each) */
  servers: Record<string, string>;
  /** where respect writes its JSON report */
  jsonOutput: string;
}

export interface StepOutcome {
  stepId: string;
  status: string;
  /** the response's status; undefined when no response came */
  statusCode: number | undefined;
  failedChecks: string[];
}

export interface RespectRun {
  exitCode: number | null;
  /** stdout and stderr, without colours */
  output: string;
  /** every executed step of every workflow, in order */
  steps: StepOutcome[];
}

interface JsonReport {
  files: Record<
    string,
    {
      executedWorkflows: {
        executedSteps: { stepId: string; status: string; response?: { statusCode: number }; checks: { name: string; passed: boolean; message: string }[] }[];
      }[];
    }
  >;
}

function stepsOf(report: JsonReport): StepOutcome[] {
  return Object.values(report.files).flatMap((file) =>
    file.executedWorkflows.flatMap((workflow) =>
      workflow.executedSteps.map(({ stepId, status, response, checks }) => ({
        stepId,
        status,
        statusCode: response?.statusCode,
        failedChecks: checks.filter((check) => !check.passed).map((check) => `${check.name}: ${check.message}`),
      })),
    ),
  );
}

/** Runs one workflow file (absolute, or relative to the package) and reads its report. */
export function runRespect(file: string, options: RespectOptions): Promise<RespectRun> {
  const args = ['respect', file, '--json-output', options.jsonOutput];
  if (options.inputs) args.push('--input', JSON.stringify(options.inputs));
  for (const [name, url] of Object.entries(options.servers)) args.push('--server', `${name}=${url}`);
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const child = spawn(redocly, args, { cwd: packageDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => {
      let steps: StepOutcome[] = [];
      try {
        steps = stepsOf(JSON.parse(readFileSync(options.jsonOutput, 'utf8')) as JsonReport);
      } catch {
        // no report (respect stopped before running anything): the exit code and output tell why
      }
      resolve({ exitCode, output: stripVTControlCharacters(output), steps });
    });
  });
}
