import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { type ApiName, loadBundle, repoRoot } from './bundles.ts';
import { collectExamples } from './examples.ts';
import { ContractSchemaValidator } from './schema-validator.ts';

/** Every example in the bundled contract validates against its own schema. */
export function describeExampleValidation(api: ApiName): void {
  const doc = loadBundle(api);
  const validator = new ContractSchemaValidator(doc);
  const examples = collectExamples(doc);

  describe(`${api} examples`, () => {
    it('has examples to check', () => {
      expect(examples.length).toBeGreaterThan(10);
    });

    it.each(examples.map((example) => [example.where, example] as const))('%s validates against its schema', (_where, example) => {
      const { valid, errors } = validator.validate(example.schemaPointer, example.value);
      expect(errors).toEqual([]);
      expect(valid).toBe(true);
    });

    afterAll(() => console.log(`examples ${api}: validated ${examples.length} examples against their schemas`));
  });
}

function runLint(api: ApiName, config: string, cwd: string) {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/lint-spec.mjs'), api, '--config', config], { cwd, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

type YamlDocument = ReturnType<typeof parseDocument>;
type Path = (string | number)[];
// biome-ignore lint/suspicious/noExplicitAny: a spec file's parsed YAML, walked by the mutations below
type Yaml = any;

/** Edits the YAML file `file` in place. */
function editYaml(file: string, edit: (document: YamlDocument) => void): void {
  const document = parseDocument(readFileSync(file, 'utf8'));
  edit(document);
  writeFileSync(file, document.toString());
}

/** The first file of a spec folder (sorted) for which `find` returns a path into it; fails when none does. */
function firstIn(work: string, folder: string, find: (value: Record<string, Yaml>) => Path | undefined): { file: string; path: Path } {
  for (const name of readdirSync(join(work, folder)).sort()) {
    const file = join(work, folder, name);
    const path = find(parseDocument(readFileSync(file, 'utf8')).toJS() ?? {});
    if (path) return { file, path };
  }
  throw new Error(`no file in ${folder} fits this mutation`);
}

const methods = ['get', 'post', 'put', 'delete'];
const operationWith = (key: string) => (item: Record<string, Yaml>) => {
  const method = methods.find((m) => item[m]?.[key] !== undefined);
  return method ? [method, key] : undefined;
};
const firstKey = (object: unknown, test: (value: Yaml) => boolean) =>
  object && typeof object === 'object' ? Object.keys(object).find((key) => test((object as Record<string, Yaml>)[key])) : undefined;

/** One rule the lint must enforce: a copy of the spec that breaks only it. */
interface LintBreak {
  rule: string;
  edit(work: string): void;
}

// every rule of redocly.yaml that guards a documentation promise, built-in and our own
const lintBreaks: [string, LintBreak][] = [
  ['an operation without a description', { rule: 'operation-description', edit: (w) => remove(firstIn(w, 'paths', operationWith('description'))) }],
  [
    'an operationId that is not camelCase',
    { rule: 'rule/operation-id-camel-case', edit: (w) => set(firstIn(w, 'paths', operationWith('operationId')), 'Count_things') },
  ],
  ['an operation without tags', { rule: 'rule/operation-has-tags', edit: (w) => set(firstIn(w, 'paths', operationWith('tags')), []) }],
  ['an operation under an undeclared tag', { rule: 'operation-tag-defined', edit: (w) => set(firstIn(w, 'paths', operationWith('tags')), ['NoSuchTag']) }],
  [
    'a parameter without a description',
    { rule: 'parameter-description', edit: (w) => remove(firstIn(w, 'components/parameters', (p) => (p.description ? ['description'] : undefined))) },
  ],
  [
    'a schema property without a description',
    {
      rule: 'rule/schema-property-description',
      edit: (w) =>
        remove(
          firstIn(w, 'components/schemas', (schema) => {
            const key = firstKey(schema.properties, (property) => property?.description !== undefined && property.$ref === undefined);
            return key ? ['properties', key, 'description'] : undefined;
          }),
        ),
    },
  ],
  [
    'a scalar property without an example',
    {
      rule: 'scalar-property-missing-example',
      edit: (w) =>
        remove(
          firstIn(w, 'components/schemas', (schema) => {
            const key = firstKey(schema.properties, (property) => property?.example !== undefined && ['string', 'integer'].includes(property.type));
            return key ? ['properties', key, 'example'] : undefined;
          }),
        ),
    },
  ],
  [
    'a response body without an example',
    {
      rule: 'rule/response-has-example',
      edit: (w) => {
        const { file, path } = firstIn(w, 'components/responses', (response) => {
          const media = firstKey(response.content, (body) => body?.example !== undefined || body?.examples !== undefined);
          return media ? ['content', media] : undefined;
        });
        editYaml(file, (document) => {
          document.deleteIn([...path, 'example']);
          document.deleteIn([...path, 'examples']);
        });
      },
    },
  ],
  [
    'a response example with a property its schema does not declare',
    {
      rule: 'no-invalid-media-type-examples',
      edit: (w) => {
        const { file, path } = firstIn(w, 'components/responses', (response) => {
          const media = firstKey(response.content, (body) => body?.example !== undefined || body?.examples !== undefined);
          if (!media) return undefined;
          const body = response.content[media];
          if (body.example !== undefined) return ['content', media, 'example'];
          return ['content', media, 'examples', Object.keys(body.examples)[0]!, 'value'];
        });
        editYaml(file, (document) => document.setIn([...path, 'notInTheSchema'], 'x'));
      },
    },
  ],
  ['a tag without a description', { rule: 'tag-description', edit: (w) => editYaml(join(w, 'openapi.yaml'), (d) => d.deleteIn(['tags', 0, 'description'])) }],
  [
    'a server at example.com',
    { rule: 'no-server-example.com', edit: (w) => editYaml(join(w, 'openapi.yaml'), (d) => d.setIn(['servers', 0, 'url'], 'https://example.com')) },
  ],
  [
    'a component nothing uses',
    {
      rule: 'no-unused-components',
      edit: (w) =>
        editYaml(join(w, 'openapi.yaml'), (d) => d.setIn(['components', 'schemas', 'Unused'], { type: 'string', description: 'unused', example: 'x' })),
    },
  ],
  ...provenanceBreaks(),
];

/** The lint breaks of `x-provenance`: missing where the contract must say where a fact comes from, or malformed. */
function provenanceBreaks(): [string, LintBreak][] {
  const withProvenance = (value: Record<string, Yaml>) => (value['x-provenance'] ? ['x-provenance'] : undefined);
  const missing = (what: string, rule: string, folder: string, find: (value: Record<string, Yaml>) => Path | undefined): [string, LintBreak] => [
    `${what} without x-provenance`,
    { rule, edit: (w) => remove(firstIn(w, folder, find)) },
  ];
  const malformed = (what: string, value: unknown): [string, LintBreak] => [
    `a named schema whose x-provenance ${what}`,
    { rule: 'provenance/valid', edit: (w) => set(firstIn(w, 'components/schemas', withProvenance), value) },
  ];
  return [
    missing('an operation', 'rule/operation-provenance', 'paths', operationWith('x-provenance')),
    missing('a parameter', 'rule/parameter-provenance', 'components/parameters', withProvenance),
    missing('a security scheme', 'rule/security-scheme-provenance', 'components/securitySchemes', withProvenance),
    missing('a named schema', 'provenance/valid', 'components/schemas', withProvenance),
    malformed('cites a plain-http source', { sources: ['http://example.org/page'] }),
    malformed('cites a relative path', { sources: ['docs/page.html'] }),
    malformed('has neither sources nor an assumption', { sources: [] }),
    malformed('has an empty assumption and no sources', { assumption: ' ' }),
  ];
}

function remove({ file, path }: { file: string; path: Path }): void {
  editYaml(file, (document) => document.deleteIn(path));
}

function set({ file, path }: { file: string; path: Path }, value: unknown): void {
  editYaml(file, (document) => document.setIn(path, value));
}

/** The real contract lints clean, and the linter really fails when a rule is broken. */
export function describeLintBehaviour(api: ApiName): void {
  const specDir = join(repoRoot, 'spec', api);

  /** Lints a copy of the spec after `edit`, with redocly.yaml passed through `config`. */
  function lintBroken(edit: (work: string) => void, config: (yaml: string) => string = (yaml) => yaml) {
    const work = mkdtempSync(join(tmpdir(), `lint-${api}-`));
    try {
      for (const part of ['openapi.yaml', 'paths', 'components']) cpSync(join(specDir, part), join(work, part), { recursive: true });
      // the copy's own paths: the API's files sit beside it, the plugins stay in the repo
      const redocly = readFileSync(join(repoRoot, 'redocly.yaml'), 'utf8')
        .replaceAll(`spec/${api}/`, '')
        .replaceAll('./scripts/', `${join(repoRoot, 'scripts')}/`);
      writeFileSync(join(work, 'redocly.yaml'), config(redocly));
      edit(work);
      return runLint(api, join(work, 'redocly.yaml'), specDir);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  // each test starts the Redocly CLI (1.5 s alone, over 5 s beside the other suites on 2 cores)
  describe(`${api} lint`, { timeout: 60_000 }, () => {
    it('passes with zero errors and zero warnings', () => {
      const { status, output } = runLint(api, join(repoRoot, 'redocly.yaml'), specDir);
      expect(output).toContain('0 errors, 0 warnings');
      expect(status).toBe(0);
    });

    it.each(lintBreaks)('fails on %s, naming the rule', (_what, { rule, edit }) => {
      const { status, output } = lintBroken(edit);
      expect(output).toMatch(new RegExp(`^error\\s+${rule.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:`, 'm'));
      expect(status).toBe(1);
    });

    it('fails on a warning too (the strict lint)', () => {
      const warnOnly = (yaml: string) => yaml.replace(/^ {2}operation-description: error$/m, '  operation-description: warn');
      const { status, output } = lintBroken(lintBreaks[0]![1].edit, warnOnly);
      expect(output).toMatch(/^warn\s+operation-description:/m);
      expect(output).toMatch(/0 error\(s\) and 1 warning\(s\)/);
      expect(status).toBe(1);
    });
  });
}
