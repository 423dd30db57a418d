// Queue length over time, one line per service stage, with the current time marked. Redraws
// the whole SVG on each call: a few hundred points, cheap, and no state to keep in sync.
import { axisBottom, axisLeft, line, max, scaleLinear, scaleOrdinal, select } from 'd3';

export interface QueueSeries {
  readonly id: string;
  /** [time s since midnight, people in the queue] */
  readonly points: readonly (readonly [number, number])[];
}

export interface QueueChartOptions {
  readonly width: number;
  readonly height: number;
  /** Time range shown, s since midnight. */
  readonly from: number;
  readonly to: number;
  /** Current simulated time, marked by a vertical line. */
  readonly now: number;
  /** Common y maximum (to compare two charts); default the data's. */
  readonly yMax?: number;
  readonly title?: string;
}

// Not the A/B colours (blue, orange) of the page, so a stage line is never read as a run.
const palette = ['#0d9488', '#9333ea', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
export const clock = (t: number): string => {
  const m = Math.floor(t / 60);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

export function drawQueueChart(svgElement: SVGSVGElement, series: readonly QueueSeries[], o: QueueChartOptions): void {
  // The title on the first line, the legend on the second, the plot below.
  const margin = { top: 34, right: 10, bottom: 22, left: 38 };
  const svg = select(svgElement).attr('viewBox', `0 0 ${o.width} ${o.height}`).attr('width', o.width).attr('height', o.height);
  svg.selectAll('*').remove();
  const x = scaleLinear().domain([o.from, o.to]).range([margin.left, o.width - margin.right]);
  const yTop = o.yMax ?? max(series, (s) => max(s.points, (p) => p[1])) ?? 1;
  const y = scaleLinear().domain([0, Math.max(1, yTop)]).nice().range([o.height - margin.bottom, margin.top]);
  const colour = scaleOrdinal<string, string>().domain(series.map((s) => s.id)).range(palette);
  // Seconds on the axis only when the window is too short for distinct minutes.
  const short = o.to - o.from < 600;
  svg.append('g').attr('transform', `translate(0,${o.height - margin.bottom})`).call(axisBottom(x).ticks(6).tickFormat((t) => (short ? `${clock(+t)}:${String(Math.floor(+t % 60)).padStart(2, '0')}` : clock(+t))));
  svg.append('g').attr('transform', `translate(${margin.left},0)`).call(axisLeft(y).ticks(4));
  if (o.title) svg.append('text').attr('x', margin.left).attr('y', 13).attr('class', 'chart-title').text(o.title);
  const path = line<readonly [number, number]>().x((p) => x(p[0])).y((p) => y(p[1]));
  // Legend right-aligned, laid out right to left by measured text width.
  let right = o.width - margin.right;
  for (let k = series.length - 1; k >= 0; k--) {
    const s = series[k]!;
    const text = svg.append('text').attr('x', right).attr('y', 27).attr('text-anchor', 'end').attr('fill', colour(s.id)).attr('class', 'chart-legend').text(`— ${s.id}`);
    right -= (text.node()?.getComputedTextLength?.() ?? 8 * s.id.length) + 12;
  }
  series.forEach((s) => {
    svg.append('path').attr('fill', 'none').attr('stroke', colour(s.id)).attr('stroke-width', 1.6).attr('d', path(s.points as [number, number][]) ?? '');
  });
  svg.append('line').attr('x1', x(o.now)).attr('x2', x(o.now)).attr('y1', margin.top).attr('y2', o.height - margin.bottom).attr('stroke', '#111827').attr('stroke-dasharray', '3 3');
}
