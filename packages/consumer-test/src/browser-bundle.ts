// Bundles a small browser entry with the esbuild installed in the consumer project, the way a
// front-end build would, and reports every trace of a Node built-in in the result.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// just the part of esbuild's API used here; esbuild is the consumer project's, not ours
interface EsbuildMessage {
  text: string;
  location: { file: string; line: number; lineText: string } | null;
}
interface EsbuildImport {
  path: string;
  kind: string;
  external?: boolean;
}
interface EsbuildResult {
  errors: EsbuildMessage[];
  warnings: EsbuildMessage[];
  metafile?: { inputs: Record<string, { imports: EsbuildImport[] }>; outputs: Record<string, { imports: EsbuildImport[] }> };
  outputFiles?: { text: string }[];
}
interface Esbuild {
  build(options: Record<string, unknown>): Promise<EsbuildResult>;
}

export interface BrowserBundle {
  errors: string[];
  warnings: string[];
  /** `file -> node:x` for every Node built-in the metafile records as imported */
  nodeImports: string[];
  /** the quoted `node:` specifiers left in the output text */
  nodeSpecifiersInOutput: string[];
  bytes: number;
}

async function projectEsbuild(projectDir: string): Promise<Esbuild> {
  const resolved = createRequire(join(projectDir, 'package.json')).resolve('esbuild');
  const module = (await import(pathToFileURL(resolved).href)) as Esbuild & { default?: Esbuild };
  return module.default ?? module;
}

function formatMessages(messages: EsbuildMessage[]): string[] {
  return messages.map(({ text, location }) => (location ? `${location.file}:${location.line}: ${text}\n    ${location.lineText}` : text));
}

/**
 * Writes `source` as `<name>.browser.js` in the project and bundles it for the browser, with any
 * extra export conditions a front-end build may turn on.
 */
export async function bundleForBrowser(projectDir: string, name: string, source: string, conditions: string[] = []): Promise<BrowserBundle> {
  const entry = join(projectDir, `${name}.browser.js`);
  writeFileSync(entry, source);
  const esbuild = await projectEsbuild(projectDir);
  let result: EsbuildResult;
  try {
    result = await esbuild.build({
      absWorkingDir: projectDir,
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      conditions,
      format: 'esm',
      metafile: true,
      write: false,
      logLevel: 'silent',
    });
  } catch (failure) {
    // esbuild rejects with the same errors/warnings arrays when the build fails
    const { errors = [], warnings = [] } = failure as Partial<EsbuildResult>;
    if (errors.length === 0) throw failure;
    return { errors: formatMessages(errors), warnings: formatMessages(warnings), nodeImports: [], nodeSpecifiersInOutput: [], bytes: 0 };
  }
  const graph = { ...result.metafile?.inputs, ...result.metafile?.outputs };
  const nodeImports = Object.entries(graph).flatMap(([file, { imports }]) =>
    imports.filter((i) => i.path.startsWith('node:')).map((i) => `${file} -> ${i.path}`),
  );
  const text = result.outputFiles?.map((file) => file.text).join('\n') ?? '';
  const nodeSpecifiersInOutput = [...new Set(text.match(/["'`]node:[\w/]+["'`]/g) ?? [])];
  return {
    errors: formatMessages(result.errors),
    warnings: formatMessages(result.warnings),
    nodeImports,
    nodeSpecifiersInOutput,
    bytes: Buffer.byteLength(text),
  };
}
