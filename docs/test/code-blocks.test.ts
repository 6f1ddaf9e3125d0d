// The code of every page readers copy from (each README, CONTRIBUTING, the guide pages), checked
// like the references' samples: every TypeScript block type-checks under a consumer's strictest
// settings against the built packages and runs against the real mock (the vendors' endpoints
// stand in for it); every shell command is either checked against the tool it calls and run
// against the mock, or listed below with why it is not run; YAML and JSON blocks are checked
// against what they show (the registry, a workflow, the mock's credentials file). A block or a
// command no rule knows fails the test with its page and line.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { apiReferences } from '../scripts/apis.mjs';
import { mockOrigin } from '../scripts/code-samples.mjs';
import { lintWorkflows } from '../scripts/lint-workflows.mjs';
import { blockModule, codeBlocks, documentedPages, type Given, type GuideBlock } from './support/guide-blocks.ts';
import { type Exchange, type RecordingRelay, startRelay } from './support/recording-relay.ts';
import { compileSamples, runCommand, type SampleProject } from './support/sample-project.ts';
import { type ShellCommand, shellCommands } from './support/shell-commands.ts';

const docsDir = fileURLToPath(new URL('../', import.meta.url));
const rootDir = join(docsDir, '..');
const require = createRequire(import.meta.url);
const preload = new URL('./support/vendor-redirect.mjs', import.meta.url).href;
const pages = documentedPages(rootDir);
const blocks = pages.flatMap((page) => codeBlocks(join(rootDir, page), page));
const tsBlocks = blocks.filter((block) => block.lang === 'ts');
const shBlocks = blocks.filter((block) => block.lang === 'sh');
const idOf = (block: GuideBlock) => `${block.page.replace(/\.md$/, '')}/line-${block.line}`;
const rootManifest = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8'));
const catalog: Record<string, string> = parseYaml(readFileSync(join(rootDir, 'pnpm-workspace.yaml'), 'utf8')).catalog;

/** The blocks that are neither code nor data: what each shows, and why nothing runs it. Matched by page, language and first line. */
const notCode: { page: string; lang: string; first: RegExp; reason: string }[] = [
  {
    page: 'docs/src/contracts-honest.md',
    lang: 'text',
    first: /^drift: huawei-vbs \S+ \d{3} [a-z-]+ \/\S*: contract says /,
    reason: 'a line the proxy prints; packages/mock/test/check-live.test.ts checks the bin prints it so',
  },
  { page: 'README.md', lang: '', first: /^redocly\.yaml\s/, reason: 'the repo layout; the paths it names are checked below' },
  {
    page: 'CONTRIBUTING.md',
    lang: '',
    first: /^huawei-vbs: \d+ change/,
    reason: 'what the contract gate prints when it fails (its own tests check the wording)',
  },
];

const shows = (rule: (typeof notCode)[number], block: GuideBlock) =>
  rule.page === block.page && rule.lang === block.lang && rule.first.test(block.text.split('\n')[0] ?? '');

/** Shell commands that are deliberately not run, each with why. */
const notRun: { command: RegExp; reason: string }[] = [
  { command: /^npm (start|test)$/, reason: "the repo's entry points: `npm test` is what runs this test, `npm start` serves until stopped" },
  { command: /^npm run (build|bench)\b/, reason: '`npm test` has built everything before this test; the bench runs for minutes and has its own --check' },
  {
    command: /^node scripts\/mutation-scores\.mjs$/,
    reason: 'prints the scores of the last `npm run mutation`, whose reports a test run does not have; testkit/test/mutation-scores.test.ts tests the table',
  },
  {
    command: /^npm run pnpm -- --filter \S+ pack --pack-destination /,
    reason: 'packs the published packages; packages/consumer-test packs and installs them the same way',
  },
  {
    command: /^(cd packages\/scenarios|\.\/node_modules\/\.bin\/redocly respect |node dist\/relay-cli\.js )/,
    reason: 'an Arazzo scenario by hand; packages/scenarios/test/workflows.test.ts runs each workflow against the mock',
  },
  {
    command: /^node packages\/mock\/dist\/cli\.js .*--credentials credentials\.json$/,
    reason: 'reads a credentials file the reader writes; its JSON block is started with the mock below, and the scenarios suite starts the mock this way',
  },
  {
    command: /^npx --yes @cloud-backup-contracts\/mock check-live /,
    reason: 'calls the real service with real keys; packages/mock/test/check-live.test.ts runs the command against local stand-ins for the services',
  },
  // note: the lines the mock prints, shown under the command that starts it
  { command: new RegExp(`^(${apiReferences.map((api) => api.name).join('|')})\\s+http://127\\.0\\.0\\.1:\\d+$`), reason: 'what the mock prints' },
];

/** What the pages' fragments take from the blocks before them, aimed at the local mock. */
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

/**
 * How long a mock the pages start gets to answer. Their `startMock` calls and mock commands keep
 * the 30 s default, which Prism can miss while the whole suite loads the machine, so the run
 * gives it longer; the block is otherwise checked and run as printed.
 */
const readyTimeoutSeconds = 150;
// each spawn-heavy test: a mock's start, and the block or commands after it
const spawnTimeoutMs = 360_000;
const patientMock = (text: string) => text.replaceAll('startMock({', `startMock({ readyTimeoutMs: ${readyTimeoutSeconds * 1000}, `);

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

/** One recording relay per API in front of the mock at `urls`. */
async function relaysTo(urls: Record<string, string>): Promise<Record<string, RecordingRelay>> {
  const relays: Record<string, RecordingRelay> = {};
  for (const api of apiReferences) relays[api.name] = await startRelay(urls[api.name] ?? '');
  return relays;
}
const closeRelays = (relays: Record<string, RecordingRelay>) => Promise.all(Object.values(relays).map((relay) => relay.close()));
const exchangesOf = (relays: Record<string, RecordingRelay>) => Object.values(relays).flatMap((relay) => relay.exchanges);
// a request that asked the mock for a documented status (`Prefer: code=404`) must get exactly that
const expectedStatus = (exchange: Exchange) => /(?:^|[\s,;])code=(\d{3})\b/.exec(exchange.prefer ?? '')?.[1];
const unanswered = (relays: Record<string, RecordingRelay>) =>
  exchangesOf(relays).filter((exchange) => {
    const asked = expectedStatus(exchange);
    return asked ? exchange.status !== Number(asked) : exchange.status < 200 || exchange.status > 299;
  });

let relays: Record<string, RecordingRelay> = {};
let project: SampleProject;

beforeAll(async () => {
  relays = await relaysTo(inject('plainMock').urls);
  project = await compileSamples(tsBlocks.map((block) => ({ id: idOf(block), source: blockModule({ ...block, text: patientMock(block.text) }, givens) })));
}, 180_000);

afterAll(async () => {
  project?.dispose();
  await closeRelays(relays);
});

describe('the pages checked', () => {
  it('are every README, CONTRIBUTING and the guide pages', () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        'README.md',
        'CONTRIBUTING.md',
        ...['client', 'mock', 'scenarios', 'types'].map((folder) => `packages/${folder}/README.md`),
        'docs/src/getting-started.md',
        'docs/src/mock-in-ci.md',
        'docs/src/contracts-honest.md',
      ]),
    );
  });

  it('hold only blocks a check below knows; any other fails with its page and line', () => {
    const known = (block: GuideBlock) => ['ts', 'sh', 'yaml', 'json'].includes(block.lang) || notCode.some((rule) => shows(rule, block));
    expect(blocks.filter((block) => !known(block)).map((block) => `${block.name} (${block.lang || 'no language'})`)).toEqual([]);
  });

  it('leave no rule of the not-code list unused', () => {
    const unused = notCode.filter((rule) => !blocks.some((block) => shows(rule, block)));
    expect(unused.map((rule) => `${rule.page} ${String(rule.first)}`)).toEqual([]);
  });

  it('say, where they say how to install, to set "type": "module", and to add @types/node where their TypeScript reads process.env', () => {
    const installing = pages.filter((page) => shBlocks.some((block) => block.page === page && /^npm install /m.test(block.text)));
    expect(installing.length).toBeGreaterThan(0);
    const missing = installing.flatMap((page) => {
      const text = readFileSync(join(rootDir, page), 'utf8');
      // note: a package README may point at the client's install section instead
      const linksInstall = text.includes('../client/README.md#install');
      const readsEnv = tsBlocks.some((block) => block.page === page && block.text.includes('process.env'));
      return [
        ...(text.includes('"type": "module"') || linksInstall ? [] : [`${page}: "type": "module"`]),
        ...(!readsEnv || text.includes('@types/node') || linksInstall ? [] : [`${page}: @types/node`]),
      ];
    });
    expect(missing).toEqual([]);
  });

  it('the layout block names only paths that exist', () => {
    const layout = blocks.find((block) => block.page === 'README.md' && block.lang === '' && block.text.startsWith('redocly.yaml'));
    const paths = (layout?.text ?? '').split('\n').map((line) => line.split(/\s+/)[0] ?? '');
    // `spec/*/released/`: some folder in place of the star
    const exists = (path: string): boolean => {
      const [head, ...rest] = path.split('/*/');
      if (rest.length === 0) return existsSync(join(rootDir, path));
      return readdirSync(join(rootDir, head ?? '')).some((folder) => exists(`${head}/${folder}/${rest.join('/*/')}`));
    };
    expect(paths.length).toBeGreaterThan(5);
    expect(paths.filter((path) => !exists(path))).toEqual([]);
  });
});

describe('the TypeScript blocks', () => {
  it('are found on every page that shows client, mock or types code', () => {
    for (const page of [
      'packages/client/README.md',
      'packages/mock/README.md',
      'packages/types/README.md',
      'docs/src/getting-started.md',
      'docs/src/mock-in-ci.md',
    ]) {
      expect(tsBlocks.filter((block) => block.page === page).length, page).toBeGreaterThan(0);
    }
  });

  it('type-check (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes, nodenext ESM) against the built packages, each with only what earlier blocks gave it', () => {
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
        timeoutMs: 240_000,
      });
      expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr, failed: unanswered(relays) }).toEqual({ code: 0, stderr: '', failed: [] });
      // a block that calls a client method reached the mock (through the relays), not some other host
      if (/\b(vbs|hbr)\.\w+(\.\w+)?\(/.test(block.text)) expect(exchangesOf(relays).length).toBeGreaterThan(0);
    },
    spawnTimeoutMs,
  );
});

function mockCli(): string {
  const manifest = require.resolve('@cloud-backup-contracts/mock/package.json');
  return join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin['cloud-backup-mock']);
}

/** The mock CLI's own flags, read from its --help (or a subcommand's, e.g. `check-live --help`). */
async function mockFlags(subcommand?: string): Promise<Set<string>> {
  const help = await runCommand(process.execPath, [mockCli(), ...(subcommand ? [subcommand] : []), '--help']);
  return new Set(help.stdout.match(/(?<=\s)--?[a-z][a-z-]*/g) ?? []);
}

/** The subcommands the mock's --help lists, e.g. `check-live`. */
const mockSubcommands = ['check-live'];

/** The mock's arguments when the command runs the mock (through npx, its bin or the repo's build), else undefined. */
function mockInvocation({ words }: ShellCommand): string[] | undefined {
  if (words[0] === 'npx') {
    const at = words[1] === '--yes' ? 2 : 1;
    return words[at] === '@cloud-backup-contracts/mock' ? words.slice(at + 1) : undefined;
  }
  if (words[0] === 'node' && words[1] === 'packages/mock/dist/cli.js') return words.slice(2);
  return /^(node_modules\/\.bin\/)?cloud-backup-mock$/.test(words[0] ?? '') ? words.slice(1) : undefined;
}
const isMock = (command: ShellCommand) => mockInvocation(command) !== undefined;
const mockArgs = (command: ShellCommand) => mockInvocation(command) ?? [];
const notRunReason = (command: ShellCommand) => notRun.find((rule) => rule.command.test(command.text))?.reason;
const isNpmScript = ({ words }: ShellCommand) => words[0] === 'npm' && (words[1] === 'start' || words[1] === 'test' || words[1] === 'run');
const isInstall = ({ words }: ShellCommand) => words[0] === 'npm' && words[1] === 'install';

/** Starts the mock CLI as a command would, on free ports; resolves once each API printed its URL. */
async function startMockCommand(args: string[], cwd: string): Promise<{ child: ChildProcess; urls: Record<string, string> }> {
  // explicit ports become 0 so nothing clashes with a mock already running here
  const freed = args.map((word, i) => (/^--(\w+-)?port$/.test(args[i - 1] ?? '') ? word.replace(/\d+$/, '0') : word));
  const env = { ...process.env, MOCK_PORTS: apiReferences.map((api) => `${api.entry.name}=0`).join(',') };
  const patient = freed.includes('--ready-timeout') ? freed : [...freed, '--ready-timeout', String(readyTimeoutSeconds)];
  const child = spawn(process.execPath, [mockCli(), ...patient], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
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

/** `{a,b}` and `*` of a shell word as a regular expression. */
const globPattern = (word: string) =>
  new RegExp(
    `^${word
      .replace(/[.+?^$()|[\]\\]/g, '\\$&')
      .replace(/\{([^}]*)\}/g, (_, list: string) => `(${list.split(',').join('|')})`)
      .replace(/\*/g, '.*')}$`,
  );

describe('the shell commands', () => {
  const commands = shBlocks.flatMap((block) => shellCommands(block.text).map((command) => ({ block, command })));
  const packages = readdirSync(join(rootDir, 'packages')).flatMap((folder) => {
    const file = join(rootDir, 'packages', folder, 'package.json');
    return existsSync(file) ? [{ folder, ...(JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string; private?: boolean }) }] : [];
  });
  const published = packages.filter((manifest) => !manifest.private);

  it('are each checked or run below, or listed with why they are not run; any other fails with its page and line', () => {
    expect(commands.length).toBeGreaterThan(0);
    const checked = (command: ShellCommand) =>
      isMock(command) ||
      command.heredoc ||
      isInstall(command) ||
      isNpmScript(command) ||
      notRunReason(command) ||
      /^(curl|npx --yes @redocly\/cli@)/.test(command.text);
    expect(commands.filter(({ command }) => !checked(command)).map(({ block, command }) => `${block.name}: ${command.text}`)).toEqual([]);
  });

  it('leave no rule of the not-run list unused, so an exception cannot outlive its command', () => {
    const unused = notRun.filter((rule) => !commands.some(({ command }) => rule.command.test(command.text)));
    expect(unused.map((rule) => String(rule.command))).toEqual([]);
  });

  it("run only the root's own npm scripts", () => {
    const scripts = commands.filter(({ command }) => isNpmScript(command));
    expect(scripts.length).toBeGreaterThan(0);
    const scriptOf = ({ words }: ShellCommand) => (words[1] === 'run' ? words[2] : words[1]) ?? '';
    const missing = scripts.filter(({ command }) => !rootManifest.scripts[scriptOf(command)]);
    expect(missing.map(({ block, command }) => `${block.name}: ${command.text}`)).toEqual([]);
  });

  it('install only packages this repo publishes (by name, or as the tarballs its pack command makes), or tools it pins itself', () => {
    const installs = commands.filter(({ command }) => isInstall(command));
    expect(installs.length).toBeGreaterThan(0);
    const wrong = installs.flatMap(({ block, command }) => {
      // the tarballs the page's pack command writes: the packages its --filter names
      const packCommand = commands.find((entry) => entry.block.page === block.page && / pack /.test(entry.command.text))?.command.words;
      const filter = packCommand?.[packCommand.indexOf('--filter') + 1] ?? '';
      const packed = packages.filter((manifest) => globPattern(filter).test(`./packages/${manifest.folder}`));
      const tarballs = packed.map((manifest) => `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`);
      return command.words
        .slice(2)
        .filter((word) => !word.startsWith('-'))
        .flatMap((word) => {
          if (published.some((manifest) => manifest.name === word) || word in catalog) return [];
          const tarball = /^\/path\/to\/repo\/artifacts\/packages\/([^/]+\.tgz)$/.exec(word)?.[1];
          const matched = tarball ? tarballs.filter((file) => globPattern(tarball).test(file)) : [];
          return matched.length > 0 && packed.every((manifest) => !manifest.private) ? [] : [`${block.name}: ${word}`];
        });
    });
    expect(wrong).toEqual([]);
  });

  it("give the mock (or its subcommand) only flags its --help lists, and only the registry's API names", async () => {
    const flags = new Map([
      [undefined, await mockFlags()],
      ...(await Promise.all(mockSubcommands.map(async (name) => [name, await mockFlags(name)] as const))),
    ]);
    const names = apiReferences.map((api) => api.name);
    const wrong = commands
      .filter(({ command }) => isMock(command))
      .flatMap(({ block, command }) => {
        const all = mockArgs(command);
        const subcommand = mockSubcommands.includes(all[0] ?? '') ? all[0] : undefined;
        const args = subcommand ? all.slice(1) : all;
        return args.flatMap((word, i) => {
          if (word.startsWith('-') && !flags.get(subcommand)!.has(word))
            return [`${block.name}: ${word} is not a flag of the mock${subcommand ? ` ${subcommand}` : ''}`];
          if (/^--(port|spec|proxy|api)$/.test(args[i - 1] ?? '') && !names.includes(word.split('=')[0] ?? '')) return [`${block.name}: ${word} names no API`];
          return [];
        });
      });
    expect(wrong).toEqual([]);
  });

  it('run Redocly at the version this repo pins, with flags its command lists', async () => {
    const redocly = commands.filter(({ command }) => command.text.startsWith('npx --yes @redocly/cli@'));
    for (const { command } of redocly) {
      expect(command.words[2]).toBe(`@redocly/cli@${catalog['@redocly/cli']}`);
      const manifest = require.resolve('@redocly/cli/package.json');
      const cli = join(dirname(manifest), JSON.parse(readFileSync(manifest, 'utf8')).bin.redocly);
      const help = await runCommand(process.execPath, [cli, command.words[3] ?? '', '--help'], { env: { ...process.env, REDOCLY_TELEMETRY: 'off' } });
      for (const flag of command.words.slice(4).filter((word) => word.startsWith('--'))) expect(help.stdout).toContain(`${flag} `);
    }
  });

  // a mock command is run when it reads a file the page writes or a curl command after it calls it;
  // each curl up to the page's next mock command is run against it
  const runs = commands.flatMap(({ block, command }, index) => {
    if (!isMock(command) || notRunReason(command)) return [];
    const readsFile = mockArgs(command).some((word) => /^--(credentials|spec|\w+-spec)$/.test(word));
    const later = commands.slice(index + 1);
    const until = later.findIndex((entry) => isMock(entry.command) || entry.block.page !== block.page);
    const calls = (until < 0 ? later : later.slice(0, until)).filter((entry) => entry.command.words[0] === 'curl');
    return readsFile || calls.length > 0
      ? [{ block, command, calls, writes: commands.slice(0, index).filter((entry) => entry.command.heredoc && entry.block.page === block.page) }]
      : [];
  });

  it('leave no curl command uncalled: each follows a mock command that is run', () => {
    const called = new Set(runs.flatMap((run) => run.calls.map((call) => call.command)));
    const curls = commands.filter(({ command }) => command.words[0] === 'curl' && !called.has(command));
    expect(curls.map(({ block, command }) => `${block.name}: ${command.text}`)).toEqual([]);
  });

  it.each(runs.map((run) => ({ ...run, name: `${run.block.name}: ${run.command.text}` })))(
    '$name starts the mock, and each curl after it gets 2xx',
    async ({ command, calls, writes }) => {
      const cwd = mkdtempSync(join(tmpdir(), 'page-commands-'));
      try {
        for (const { command: writer } of writes) writeFileSync(join(cwd, writer.heredoc!.file), writer.heredoc!.body);
        const { child, urls } = await startMockCommand(mockArgs(command), cwd);
        const callRelays = await relaysTo(urls);
        try {
          for (const call of calls) {
            let text = call.command.text;
            for (const api of apiReferences) text = text.replaceAll(mockOrigin(api.entry), callRelays[api.name]?.origin ?? '');
            for (const relay of Object.values(callRelays)) relay.exchanges.length = 0;
            const run = await runCommand('sh', ['-c', text], { cwd, timeoutMs: 30_000 });
            // note: curl prints its progress meter on stderr, so stderr only tells why a call failed
            expect({ call: call.command.text, code: run.code, stderr: run.code === 0 ? '' : run.stderr, failed: unanswered(callRelays) }).toEqual({
              call: call.command.text,
              code: 0,
              stderr: '',
              failed: [],
            });
            expect(exchangesOf(callRelays).length, call.command.text).toBe(1);
          }
        } finally {
          await closeRelays(callRelays);
          expect(await stopMockCommand(child)).toBe(0);
        }
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
    spawnTimeoutMs,
  );
});

describe('the YAML and JSON blocks', () => {
  const yamlBlocks = blocks.filter((block) => block.lang === 'yaml').map((block) => ({ block, name: block.name, value: parseYaml(block.text) }));
  const registry = parseYaml(readFileSync(join(rootDir, 'redocly.yaml'), 'utf8'));

  it.each(yamlBlocks)('$name is the registry as redocly.yaml has it, or a GitHub Actions workflow or steps actionlint passes', async ({ block, value }) => {
    if (value?.apis) {
      for (const [name, entry] of Object.entries(value.apis)) expect(entry, `${block.name}: apis.${name}`).toEqual(registry.apis[name]);
      return;
    }
    // a list of steps goes into one job, as a reader would paste it
    const steps = Array.isArray(value) ? block.text.replace(/^/gm, '      ') : undefined;
    const workflow = steps === undefined ? block.text : `name: page\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n${steps}\n`;
    expect(steps !== undefined || Boolean(value?.jobs), `${block.name} is neither the registry, a workflow nor a list of steps`).toBe(true);
    const folder = mkdtempSync(join(tmpdir(), 'page-workflow-'));
    try {
      writeFileSync(join(folder, 'page.yml'), workflow);
      expect((await lintWorkflows(folder)).problems).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  const isDriftReport = (block: GuideBlock) => 'findings' in (JSON.parse(block.text) as object);
  const jsonBlocks = blocks.filter((block) => block.lang === 'json' && !isDriftReport(block)).map((block) => ({ block, name: block.name }));
  const reportBlocks = blocks.filter((block) => block.lang === 'json' && isDriftReport(block)).map((block) => ({ block, name: block.name }));

  it.each(reportBlocks)('$name is a drift report in the shape the mock writes (packages/mock/src/proxy/report.ts)', ({ block }) => {
    const report = JSON.parse(block.text);
    expect(Object.keys(report).sort()).toEqual(['answersChecked', 'findings', 'written']);
    expect(report.findings.length).toBeGreaterThan(0);
    for (const finding of report.findings) {
      expect(Object.keys(finding).sort()).toEqual(['api', 'contract', 'kind', 'operation', 'pointer', 'seen', 'status']);
      expect(apiReferences.map((api) => api.name)).toContain(finding.api);
    }
  });

  it.each(jsonBlocks)(
    '$name is a credentials file the verifying mock starts with',
    async ({ block }) => {
      const value = JSON.parse(block.text);
      expect(
        Object.keys(value).every((name) => apiReferences.some((api) => api.name === name)),
        `${block.name}: sections named after the registry's APIs`,
      ).toBe(true);
      const cwd = mkdtempSync(join(tmpdir(), 'page-credentials-'));
      try {
        writeFileSync(join(cwd, 'credentials.json'), block.text);
        // note: the mock refuses a malformed file at start, naming the field
        const { child } = await startMockCommand(['--verify-signatures', '--credentials', 'credentials.json'], cwd);
        expect(await stopMockCommand(child)).toBe(0);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    },
    spawnTimeoutMs,
  );
});
