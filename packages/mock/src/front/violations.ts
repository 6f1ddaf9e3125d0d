// Prism's reasons for refusing a request, as the front rewrites them into the API's error shape.

/** One reason, as Prism words it in `sl-violations` or a problem+json `validation` list. */
export interface Violation {
  location?: string[];
  code?: string | number;
  message?: string;
}

/**
 * Prism's reasons for a refusal: the `sl-violations` header, else its problem+json body's
 * `validation` list, else the problem's title and detail as one reason.
 */
export function violationsOf(header: string | undefined, problemText: string | undefined): Violation[] {
  try {
    if (header) return JSON.parse(header) as Violation[];
  } catch {}
  try {
    const problem = JSON.parse(problemText ?? '') as { title?: string; detail?: string; validation?: Violation[] };
    if (problem.validation?.length) return problem.validation;
    return [{ location: ['request'], code: 'problem', message: [problem.title, problem.detail].filter(Boolean).join(': ') }];
  } catch {
    return [];
  }
}

/** One line naming where each reason applies, e.g. `query.sourcetype: must be equal to ...`. */
export const reasonsMessage = (violations: Violation[]): string =>
  violations.map((v) => `${v.location?.slice(1).join('.') || 'request'}: ${v.message ?? 'violates the contract'}`).join('; ');
