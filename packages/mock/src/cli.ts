#!/usr/bin/env node
// cloud-backup-mock: every contract mock in the foreground, for local work and consumers' CI.
import { setTimeout as delay } from 'node:timers/promises';
import { type CliCommand, checkLiveUsage, parseCliArgs, portHint, UsageError, usage } from './args.js';
import { runCheckLive } from './check-live-command.js';
import { apiNames } from './contracts.js';
import { findingLine } from './proxy/report.js';
import { type MockExit, MockStartError, type RunningMock, startMock } from './start-mock.js';

const name = 'cloud-backup-mock';
/** Every catchable signal that would otherwise end the process: each stops the mocks first. */
const stopSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'];
/**
 * A signal sent to the whole process group (Ctrl-C in a terminal, a CI runner's cleanup) ends
 * Prism and the mock at the same moment; whether the mock's own handler ran first is a race.
 * Such an exit is only a failure if no stop request follows it shortly.
 */
async function stoppedByGroupSignal(exit: MockExit | undefined, stopRequested: () => boolean): Promise<boolean> {
  if (stopRequested()) return true;
  if (!exit?.signal || !stopSignals.includes(exit.signal)) return false;
  await delay(500);
  return stopRequested();
}

async function main(): Promise<number> {
  let command: CliCommand;
  try {
    command = parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${name}: ${error.message}\nRun "${name} --help" for the options.`);
    return 2;
  }
  if (command.kind === 'help' || command.kind === 'check-live-help') {
    console.log(command.kind === 'help' ? usage : checkLiveUsage);
    return 0;
  }
  if (command.kind === 'check-live') return runCheckLive(command.options, name);

  const starting = new AbortController();
  let mock: RunningMock | undefined;
  let stopRequested = false;
  let settle: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (settle = resolve));

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopRequested) return;
    stopRequested = true;
    if (command.verbose) console.error(`${name}: ${signal}, stopping the mocks`);
    starting.abort();
    void (mock?.stop() ?? Promise.resolve()).then(() => settle(0));
  };
  // note: a SIGUSR1 listener also keeps Node from opening its inspector on that signal
  for (const signal of stopSignals) process.on(signal, onSignal);

  try {
    mock = await startMock({
      ...command.options,
      signal: starting.signal,
      onLog: command.verbose ? (api, line) => console.error(`[${api}] ${line}`) : undefined,
      // each finding once, as one line, as it is first seen
      ...(command.options.proxy ? { onDrift: (finding) => console.error(`drift: ${findingLine(finding)}`) } : {}),
    });
  } catch (error) {
    if (error instanceof MockStartError) {
      if (error.problem === 'aborted' || (await stoppedByGroupSignal(error.exit, () => stopRequested))) return 0;
      const hint = error.problem === 'port-in-use' && error.api ? ` (choose another with ${portHint(error.api)})` : '';
      console.error(`${name}: ${error.message}${hint}`);
      return 1;
    }
    throw error;
  }
  if (stopRequested) {
    await mock.stop();
    return 0;
  }

  const width = Math.max(...apiNames.map((api) => api.length));
  for (const api of apiNames) console.log(`${api.padEnd(width)} ${mock.urls[api]}`);
  if (command.verbose) for (const api of apiNames) console.error(`${name}: ${api} is prism pid ${mock.pids[api]}`);
  for (const api of mock.withoutCredentials) console.error(`${name}: the credentials have no section for ${api}, so every request to it is refused`);
  for (const api of mock.unverified) console.error(`${name}: ${api} has no signature verifier, so its requests are not checked`);

  void mock.exited.then(async (exit) => {
    if (exit.expected || (await stoppedByGroupSignal(exit, () => stopRequested))) return;
    console.error(`${name}: ${exit.message}`);
    stopRequested = true;
    await mock.stop();
    settle(1);
  });
  return finished;
}

main().then(
  (code) => {
    process.exitCode = code;
    // note: nothing else should keep running once the mocks are stopped
    setImmediate(() => process.exit(code));
  },
  (error: unknown) => {
    console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
