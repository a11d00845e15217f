import { useEffect, useRef } from 'react';
import { BarController, BarElement, CategoryScale, Chart as ChartJs, Legend, LinearScale, LineController, LineElement, PointElement, type ChartData } from 'chart.js';

// Only the pieces the reports draw, so the bundle carries no more of the library than it uses.
ChartJs.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend);

/** Colours that stay apart in print and for the common colour-vision deficiencies. */
export const SERIES_COLOURS = ['#1f5fa8', '#e08a00', '#2e8b57', '#b23b3b'];

/**
 * A chart drawn by Chart.js on a canvas. The canvas is an image to assistive technology: its
 * words are in `label`, and every chart on screen has its table beside it.
 */
export function Chart({ type, data, label, stacked = false }: { type: 'bar' | 'line'; data: ChartData<'bar' | 'line', number[], string>; label: string; stacked?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new ChartJs(canvas.current!, {
      type,
      data,
      options: {
        // Figures, not a show: no animation, so the chart is whole when it appears (and in screenshots).
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: { stacked },
          y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
        },
      },
    });
    return () => chart.destroy();
  }, [type, data, stacked]);
  return (
    <div className="chart-box">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
