// The CLI stops its Prism processes on every catchable terminating signal, and a CLI killed
// outright (SIGKILL) leaves no Prism behind either: no process left, every port free again.
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, killLeftovers, portIsFree, runCli } from './support/cli.ts';

afterEach(killLeftovers);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startCli() {
  // ports no other process can be handed meanwhile, so "free again" speaks of this CLI alone
  const cli = runCli(['--port', `huawei-vbs=${await freePort()}`, '--port', `alibaba-hbr=${await freePort()}`, '--verbose', '--ready-timeout', '90']);
  await cli.waitFor(/alibaba-hbr is prism pid \d+/, 100_000);
  // note: stdout and stderr are separate pipes, so the URL lines may arrive after the pid lines
  await cli.waitFor(/^alibaba-hbr +http:\/\/127\.0\.0\.1:\d+$/m, 10_000);
  const pids = [...cli.stderr().matchAll(/is prism pid (\d+)/g)].map((match) => Number(match[1]));
  const ports = [...cli.stdout().matchAll(/^[a-z-]+ +http:\/\/127\.0\.0\.1:(\d+)$/gm)].map((match) => Number(match[1]));
  expect(pids).toHaveLength(2);
  expect(ports).toHaveLength(2);
  return { cli, pids, ports };
}

/** Waits up to `ms` (generous: a loaded machine is slow to reap) for the processes to be gone and the ports free; returns what is left. */
async function leftovers(pids: number[], ports: number[], ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = { pids: pids.filter(alive), ports: [] as number[] };
    for (const port of ports) if (!(await portIsFree(port))) left.ports.push(port);
    if ((left.pids.length === 0 && left.ports.length === 0) || Date.now() > deadline) return left;
    await delay(100);
  }
}

describe('signals to the CLI', { timeout: 120_000 }, () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const)(
    '%s stops both Prism processes, exits 0, and frees the ports',
    async (signal) => {
      const { cli, pids, ports } = await startCli();
      cli.child.kill(signal);
      expect(await cli.exited).toEqual({ code: 0, signal: null });
      expect(await leftovers(pids, ports)).toEqual({ pids: [], ports: [] });
    },
  );

  it('SIGKILL, which the CLI cannot catch, still leaves no Prism running and no port taken', async () => {
    const { cli, pids, ports } = await startCli();
    cli.child.kill('SIGKILL');
    expect(await cli.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await leftovers(pids, ports)).toEqual({ pids: [], ports: [] });
  });
});
