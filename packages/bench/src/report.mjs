// Turns section results into the markdown table and the console lines (pure: no I/O).

const cell = (value) => String(value).replaceAll('|', '\\|');

function table(columns, rows) {
  return [`| ${columns.map(cell).join(' | ')} |`, `| ${columns.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join(
    '\n',
  );
}

/** The budget lines of one section, as printed and as listed in the markdown. */
export const budgetLines = (section) => section.budgets.map((b) => `${b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${b.shown}`);

/** The whole report: machine, Node and date, then each section's table and budgets. */
export function markdown({ machine, sections, charts = [], chartDir = '.' }) {
  const parts = [
    '# Benchmark results',
    '',
    `${machine.date}, Node ${machine.node}, ${machine.platform}, ${machine.cpus}× ${machine.cpuModel}, ${machine.memoryGiB} GiB. Ratios compare cases measured in the same run.`,
  ];
  if (charts.length) parts.push('', charts.map((file) => `![${file.replace(/\.svg$/, '')}](${chartDir}/${file})`).join(' '));
  for (const section of sections) {
    parts.push('', `## ${section.title}`, '');
    if (section.error) {
      parts.push(`Not measured: ${section.error}`);
      continue;
    }
    const when = section.measuredAt && section.measuredAt.slice(0, 10) !== machine.date.slice(0, 10) ? ` Measured ${section.measuredAt}.` : '';
    if (section.note || when) parts.push(`${section.note ?? ''}.${when}`.replace(/^\./, '').trim(), '');
    parts.push(table(section.columns, section.rows));
    if (section.budgets.length)
      parts.push(
        '',
        table(
          ['budget', 'result', 'measured'],
          section.budgets.map((b) => [b.name, b.pass ? 'PASS' : '**FAIL**', b.shown]),
        ),
      );
  }
  return `${parts.join('\n')}\n`;
}

/** The README's "latest results" block: the machine line, the charts and every budget, linking the full tables. */
export function readmeBlock({ machine, sections, charts = [] }, resultsPath) {
  const budgets = sections.flatMap((section) =>
    section.error
      ? [[section.title, 'not measured', section.error.split('\n')[0]]]
      : section.budgets.map((b) => [b.name, b.pass ? 'PASS' : '**FAIL**', b.shown]),
  );
  return [
    `Latest run: ${machine.date.slice(0, 10)}, Node ${machine.node}, ${machine.cpus}× ${machine.cpuModel} (shared with other jobs, so absolute times are noisy; the ratios are what count). Every table: [${resultsPath}/latest.md](${resultsPath}/latest.md).`,
    '',
    table(['budget', 'result', 'measured'], budgets),
    '',
    // a section without budgets (scaling) says its finding in its note
    ...sections.filter((section) => !section.error && !section.budgets.length && section.note).map((section) => `${section.title}: ${section.note}.\n`),
    charts.map((file) => `![${file.replace(/\.svg$/, '')}](${resultsPath}/${file})`).join('\n'),
  ].join('\n');
}
