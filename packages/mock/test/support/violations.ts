// How Prism 5.14 reports a request that breaks the contract: when the operation documents a
// 400 it answers 400 with that example body and lists the violations as JSON in the
// `sl-violations` response header; otherwise it answers 422 (401 for security) with an
// application/problem+json body whose `validation` array (or title) says what is wrong.
export interface Violation {
  location: string[];
  code: string | number;
  message: string;
}

export async function violationsOf(response: Response): Promise<{ violations: Violation[]; text: string }> {
  const header = response.headers.get('sl-violations');
  const violations: Violation[] = header ? (JSON.parse(header) as Violation[]) : [];
  const body = await response.text();
  if (/problem\+json/.test(response.headers.get('content-type') ?? '')) {
    const problem = JSON.parse(body) as { title?: string; detail?: string; validation?: Violation[] };
    violations.push(...(problem.validation ?? []));
    if (violations.length === 0) violations.push({ location: ['request'], code: 'problem', message: `${problem.title ?? ''}: ${problem.detail ?? ''}` });
  }
  const text = violations.map((v) => `${v.location.join('.')} ${v.code}: ${v.message}`).join('\n');
  return { violations, text };
}

/**
 * Whether a violation names `field`. Prism lowercases query parameter names (`SourceType`
 * is reported as `sourcetype`), so the match ignores case.
 */
export function namesField(violations: Violation[], field: string): boolean {
  const wanted = field.toLowerCase();
  return violations.some((v) => v.location.some((part) => String(part).toLowerCase() === wanted) || v.message.toLowerCase().includes(wanted));
}
