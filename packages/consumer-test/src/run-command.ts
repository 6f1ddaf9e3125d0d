// Runs a child process to completion and keeps everything it printed, so a failing assertion can
// show the tool's own words.
import { spawn } from 'node:child_process';

export interface CommandResult {
  command: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** a ceiling against a hung tool (then it is killed and the result says so), not an expectation */
  timeoutMs?: number;
}

export function runCommand(file: string, args: readonly string[], { cwd, env = process.env, timeoutMs = 600_000 }: RunOptions): Promise<CommandResult> {
  const command = [file, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n[killed: still running after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run ${command}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ command, code, signal, stdout, stderr });
    });
  });
}

/** The command and all it printed, for a failure message. */
export function describeResult(result: CommandResult): string {
  const how = result.signal ? `signal ${result.signal}` : `exit ${result.code}`;
  return `$ ${result.command}\n(${how})\n${result.stdout}${result.stderr}`.trimEnd();
}

/** Resolves to the result when the command exited 0, else rejects with everything it printed. */
export async function runChecked(file: string, args: readonly string[], options: RunOptions): Promise<CommandResult> {
  const result = await runCommand(file, args, options);
  if (result.code !== 0) throw new Error(`command failed:\n${describeResult(result)}`);
  return result;
}
