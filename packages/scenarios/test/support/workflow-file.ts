// Reading a workflow file, and writing a broken copy of one elsewhere.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document, parseDocument } from 'yaml';

export const workflowsDir = fileURLToPath(new URL('../../workflows', import.meta.url));

interface Arazzo {
  sourceDescriptions: { url: string }[];
  workflows: { steps: { stepId: string }[] }[];
}

const read = (file: string) => parseDocument(readFileSync(file, 'utf8'));

/** The step ids of every workflow in `file`, in order. */
export function stepIdsOf(file: string): string[] {
  return (read(file).toJS() as Arazzo).workflows.flatMap((workflow) => workflow.steps.map((step) => step.stepId));
}

/** Where the step `stepId` is in the document, for `Document#setIn`. */
export function stepPath(arazzo: Document, stepId: string): (string | number)[] {
  const { workflows } = arazzo.toJS() as Arazzo;
  for (const [w, workflow] of workflows.entries()) {
    const s = workflow.steps.findIndex((step) => step.stepId === stepId);
    if (s >= 0) return ['workflows', w, 'steps', s];
  }
  throw new Error(`no step ${stepId}`);
}

/** Copies `file` into `dir` with `change` applied; the copy's source descriptions point at the same contracts. */
export function brokenCopy(file: string, dir: string, change: (arazzo: Document) => void): string {
  const arazzo = read(file);
  (arazzo.toJS() as Arazzo).sourceDescriptions.forEach(({ url }, index) => {
    arazzo.setIn(['sourceDescriptions', index, 'url'], resolve(dirname(file), url));
  });
  change(arazzo);
  const copy = join(dir, basename(file));
  writeFileSync(copy, arazzo.toString());
  return copy;
}
