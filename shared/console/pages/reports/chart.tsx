import type { FC } from 'hono/jsx';

export interface ChartBar {
  label: string;
  /** What the bar's length is proportional to. */
  value: number;
  /** The figure written beside the bar, as the reader's language writes it. */
  shown: string;
}

const width = 640;
const labelWidth = 200;
/** Room right of the longest bar for its figure (a sum of money is the widest). */
const figureWidth = 170;
const rowHeight = 28;
const barHeight = 18;

/** Text longer than its column is cut, with an ellipsis: the table beside the chart has it whole. */
const shortened = (label: string, max = 30) => (label.length > max ? `${label.slice(0, max - 1)}…` : label);

/**
 * A horizontal bar chart drawn on the server: one bar per row of the table it illustrates, sizes as
 * SVG presentation attributes (the CSP allows no inline style). An image to assistive technology,
 * named by its title, which it also shows above it; the table beside it carries every figure, so the
 * chart is never the only source. Never narrower than it is drawn (console.css): at a phone's width
 * it scrolls sideways in its box rather than shrink its text past reading.
 */
export const BarChart: FC<{ id: string; title: string; bars: readonly ChartBar[] }> = ({
  id,
  title,
  bars,
}) => {
  const max = Math.max(0, ...bars.map((b) => b.value));
  const plot = width - labelWidth - figureWidth;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  return (
    <figure class="chart-figure">
      <figcaption aria-hidden="true">{title}</figcaption>
      <div class="overflow-auto">
        <svg
          class="chart"
          role="img"
          aria-labelledby={`${id}-title`}
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          height={height}
          preserveAspectRatio="xMinYMin meet"
          xmlns="http://www.w3.org/2000/svg"
        >
          <title id={`${id}-title`}>{title}</title>
          {bars.map((bar, i) => {
            const y = 4 + i * rowHeight;
            const length = max > 0 && bar.value > 0 ? Math.max(1, Math.round((bar.value / max) * plot)) : 0;
            return (
              <g>
                <text x={labelWidth - 8} y={y + 14} text-anchor="end">
                  {shortened(bar.label)}
                </text>
                <rect x={labelWidth} y={y} width={length} height={barHeight} fill="#0172ad" />
                <text x={labelWidth + length + 6} y={y + 14}>
                  {bar.shown}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
    </figure>
  );
};
