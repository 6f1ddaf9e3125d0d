// Which client methods a program calls, read from its syntax tree rather than by text search, so
// a method named only in a comment or a string does not count as used.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * Every `<receiver>.<name>(...)` call in the file, as `name`, and `<receiver>.pages.<name>(...)`
 * as `pages.name`.
 */
export function calledMethods(file: string): Set<string> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const called = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { expression: receiver, name } = node.expression;
      const viaPages = ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'pages';
      called.add(viaPages ? `pages.${name.text}` : name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return called;
}
