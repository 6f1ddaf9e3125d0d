// The drift report: every finding once (the same difference in every item of a list, or on every
// request, is one finding), each printed as one line when first seen and kept for the JSON file.
import { writeFileSync } from 'node:fs';
import { type DriftFinding, pointerShape } from './drift.js';

export interface DriftReportFile {
  /** when the report was last written */
  written: string;
  /** answers checked against the contract */
  answersChecked: number;
  findings: DriftFinding[];
}

/** A finding as one line, e.g. `huawei-vbs getBackupShare 200 wrong-type /shared/size: contract says type integer, seen string "1"`. */
export const findingLine = ({ api, operation, status, kind, pointer, contract, seen }: DriftFinding): string =>
  `${api} ${operation} ${status ?? '-'} ${kind} ${pointer || '(body)'}: contract says ${contract}, seen ${seen}`;

export class DriftReport {
  readonly findings: DriftFinding[] = [];
  answersChecked = 0;
  readonly #keys = new Set<string>();

  /**
   * @param file where the JSON report is written (rewritten on each new finding, so a proxy
   *   stopped at any time leaves a whole one); undefined for none
   * @param onFinding told each new finding, e.g. to print its line
   */
  constructor(
    readonly file: string | undefined,
    readonly onFinding: ((finding: DriftFinding) => void) | undefined,
  ) {}

  /** Counts one checked answer and records its findings that are new. */
  add(findings: readonly DriftFinding[], counted = true): void {
    if (counted) this.answersChecked++;
    let added = false;
    for (const finding of findings) {
      const key = [finding.api, finding.operation, finding.status, finding.kind, pointerShape(finding.pointer)].join(' ');
      if (this.#keys.has(key)) continue;
      this.#keys.add(key);
      this.findings.push(finding);
      this.onFinding?.(finding);
      added = true;
    }
    if (added) this.write();
  }

  toJSON(): DriftReportFile {
    return { written: new Date().toISOString(), answersChecked: this.answersChecked, findings: this.findings };
  }

  /** Writes the JSON report, when there is a file to write. */
  write(): void {
    if (this.file !== undefined) writeFileSync(this.file, `${JSON.stringify(this.toJSON(), null, 2)}\n`);
  }
}
