// SVG charts of the report, drawn by Vega-Lite (installed on demand, like the alternatives):
// horizontal bars, one chart per section that has a figure to compare.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureCharting } from './alternatives.mjs';

/** The charts each section yields: file name, title, axis label and { label, value } bars. */
function chartsOf(section) {
  if (section.error) return [];
  if (section.section === 'overhead') {
    return [
      {
        file: 'overhead.svg',
        title: 'Client overhead per call (median µs, lower is better)',
        axis: 'µs',
        bars: section.data.map((d) => ({ label: d.case, value: d.medianUs })),
      },
    ];
  }
  if (section.section === 'size') {
    return [
      {
        file: 'size.svg',
        title: 'One-call program, minified + gzip (bytes, lower is better)',
        axis: 'bytes',
        bars: section.data.map((d) => ({ label: d.name, value: d.gzip })),
      },
    ];
  }
  if (section.section === 'signing') {
    const bars = section.data.flatMap((d) => [
      { label: `${d.scheme}: ours`, value: d.oursUs },
      { label: `${d.scheme}: vendor`, value: d.vendorUs },
    ]);
    return [{ file: 'signing.svg', title: 'Signing one request (median µs, lower is better)', axis: 'µs', bars }];
  }
  if (section.section === 'scaling') {
    const rows = section.data.rows;
    const steps = { lint: 'lint', bundle: 'bundle', types: 'types', generate: 'client generation', typecheck: 'type check', mockReady: 'mock ready' };
    const points = rows.flatMap((row) => Object.entries(steps).map(([key, step]) => ({ operations: row.operations, step, seconds: row[key] })));
    return [{ file: 'scaling.svg', spec: scalingSpec(points) }];
  }
  if (section.section === 'pipeline') {
    const { cold, warm, edit } = section.data;
    const bars = [
      { label: 'cold', value: cold.seconds },
      { label: 'warm, nothing changed', value: warm.seconds },
      { label: 'one-API edit', value: edit.seconds },
    ];
    return [{ file: 'pipeline.svg', title: 'turbo run build (seconds)', axis: 's', bars }];
  }
  return [];
}

function scalingSpec(points) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Pipeline step time by contract size (seconds)',
    width: 420,
    data: { values: points },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'operations', type: 'quantitative', scale: { type: 'log', base: 2 }, title: 'operations' },
      y: { field: 'seconds', type: 'quantitative', title: 's' },
      color: { field: 'step', type: 'nominal', title: null },
    },
  };
}

function spec({ title, axis, bars }) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 420,
    data: { values: bars },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 320 } },
      x: { field: 'value', type: 'quantitative', title: axis },
    },
  };
}

/** Writes one SVG per chart into dir; returns the file names written. */
export async function writeCharts(sections, dir, log = console.log) {
  const charts = sections.flatMap(chartsOf);
  if (!charts.length) return [];
  const require = ensureCharting(log);
  const vega = await import(pathToFileURL(require.resolve('vega')).href);
  const vegaLite = await import(pathToFileURL(require.resolve('vega-lite')).href);
  for (const chart of charts) {
    const view = new vega.View(vega.parse(vegaLite.compile(chart.spec ?? spec(chart)).spec), { renderer: 'none' });
    writeFileSync(join(dir, chart.file), await view.toSVG());
  }
  return charts.map((chart) => chart.file);
}
