// Throughput per clock hour as grouped bars, one bar per run (A, B), with the current hour marked.
import { axisBottom, axisLeft, max, scaleBand, scaleLinear, select } from 'd3';

export interface ThroughputRun {
  readonly label: string;
  readonly colour: string;
  /** Travellers who left the port in each clock hour. */
  readonly hourly: readonly { readonly hour: number; readonly exited: number }[];
}

export interface ThroughputChartOptions {
  readonly width: number;
  readonly height: number;
  /** First and last clock hour shown. */
  readonly fromHour: number;
  readonly toHour: number;
  /** Current simulated time, s since midnight. */
  readonly now: number;
  readonly title?: string;
}

export function drawThroughputChart(svgElement: SVGSVGElement, runs: readonly ThroughputRun[], o: ThroughputChartOptions): void {
  const margin = { top: 26, right: 10, bottom: 22, left: 44 };
  const svg = select(svgElement).attr('viewBox', `0 0 ${o.width} ${o.height}`).attr('width', o.width).attr('height', o.height);
  svg.selectAll('*').remove();
  const hours: number[] = [];
  for (let h = o.fromHour; h <= o.toHour; h++) hours.push(h);
  const x = scaleBand<number>().domain(hours).range([margin.left, o.width - margin.right]).padding(0.2);
  const inner = scaleBand<number>().domain(runs.map((_, k) => k)).range([0, x.bandwidth()]).padding(0.08);
  const top = max(runs, (r) => max(r.hourly, (h) => h.exited)) ?? 1;
  const y = scaleLinear().domain([0, Math.max(1, top)]).nice().range([o.height - margin.bottom, margin.top]);
  const nowHour = Math.floor(o.now / 3600);
  svg.append('rect').attr('x', (x(nowHour) ?? -1000) - 2).attr('width', x.bandwidth() + 4).attr('y', margin.top).attr('height', o.height - margin.top - margin.bottom).attr('fill', '#fef3c7');
  svg.append('g').attr('transform', `translate(0,${o.height - margin.bottom})`).call(axisBottom(x).tickFormat((h) => `${String(h).padStart(2, '0')}:00`));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(4));
  if (o.title) svg.append('text').attr('x', margin.left).attr('y', 13).attr('class', 'chart-title').text(o.title);
  runs.forEach((r, k) => {
    for (const h of r.hourly) {
      const bx = x(h.hour);
      if (bx === undefined) continue;
      svg.append('rect').attr('x', bx + (inner(k) ?? 0)).attr('width', inner.bandwidth()).attr('y', y(h.exited)).attr('height', y(0) - y(h.exited)).attr('fill', r.colour);
    }
    svg.append('text').attr('x', o.width - margin.right - 4 - 150 * (runs.length - 1 - k)).attr('y', 13).attr('text-anchor', 'end').attr('fill', r.colour).attr('class', 'chart-legend').text(r.label);
  });
}
