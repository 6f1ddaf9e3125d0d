// The code blocks of the pages readers copy code from (the READMEs, CONTRIBUTING, the guide
// pages), and what a TypeScript block may take as given. The pages show fragments: a block that
// counts shares uses the `vbs` client an earlier block created.
// Each block is checked as a module of its own: the givens it uses but does not declare are put
// in front of it, so a block that declares a name itself never gets a second one.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Marked, type Tokens } from 'marked';
import ts from 'typescript';

export interface GuideBlock {
  /** the page's path from the repo root, e.g. `packages/client/README.md` */
  page: string;
  lang: string;
  /** the line of the page the block's fence opens on */
  line: number;
  text: string;
  /** `<page> line <n>`: how a problem names the block */
  name: string;
}

/**
 * Every page whose code blocks are checked, as paths from the repo root: the root README and
 * CONTRIBUTING, each package's README and every guide page, found rather than listed, so a new
 * README is checked from the start.
 */
export function documentedPages(rootDir: string): string[] {
  const inFolder = (folder: string, names: string[]) => names.map((name) => `${folder}/${name}`).filter((page) => existsSync(join(rootDir, page)));
  return [
    ...['README.md', 'CONTRIBUTING.md'].filter((page) => existsSync(join(rootDir, page))),
    ...inFolder(
      'packages',
      readdirSync(join(rootDir, 'packages'))
        .sort()
        .map((folder) => `${folder}/README.md`),
    ),
    ...inFolder(
      'docs/src',
      readdirSync(join(rootDir, 'docs/src'))
        .filter((name) => name.endsWith('.md'))
        .sort(),
    ),
  ];
}

export function codeBlocks(file: string, page: string): GuideBlock[] {
  const source = readFileSync(file, 'utf8');
  const blocks: GuideBlock[] = [];
  let from = 0;
  for (const token of new Marked().lexer(source)) {
    const at = source.indexOf(token.raw, from);
    from = at + token.raw.length;
    if (token.type !== 'code') continue;
    const code = token as Tokens.Code;
    const line = source.slice(0, at).split('\n').length;
    blocks.push({ page, lang: code.lang ?? '', line, text: code.text, name: `${page} line ${line}` });
  }
  return blocks;
}

/** A name the guide's blocks use without declaring it: how the check provides it. */
export interface Given {
  name: string;
  /** declares `name` (an import or a statement), put in front of the block */
  code: string;
  /** run after the block, e.g. the hooks a block registered */
  after?: string;
  /** other givens this one uses */
  needs?: string[];
}

/** The names a block declares at its top level: its imports, variables, functions and classes. */
export function declaredNames(text: string): Set<string> {
  const file = ts.createSourceFile('block.ts', text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) names.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** The identifiers a block mentions anywhere, to pick only the givens it uses. */
function mentionedNames(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

/**
 * A block as a module: the givens it mentions and does not declare (with what they need, in the
 * order of `givens`), the block, then the givens' `after` code.
 */
export function blockModule(block: GuideBlock, givens: Given[]): string {
  const declared = declaredNames(block.text);
  const wanted = new Set<string>();
  const want = (name: string) => {
    if (declared.has(name) || wanted.has(name)) return;
    const given = givens.find((g) => g.name === name);
    if (!given) return;
    wanted.add(name);
    for (const need of given.needs ?? []) want(need);
  };
  for (const name of mentionedNames(block.text)) want(name);
  const used = givens.filter((g) => wanted.has(g.name));
  return [
    `// ${block.name}, with what it takes as given`,
    ...used.map((g) => g.code),
    '',
    block.text,
    '',
    ...used.flatMap((g) => (g.after ? [g.after] : [])),
    // note: a module, even when the block imports nothing
    'export {};',
    '',
  ].join('\n');
}
