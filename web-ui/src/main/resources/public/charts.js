// Live line charts over uPlot (from its WebJar), with intervention markers whose evidence shows on hover.
// Marker text is set with the title attribute (text, never markup).
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { el } from '/common.js';

const COLORS = ['#1f6feb', '#d35400', '#0a7d32', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d'];

/** One chart: x is the step, one series per name; points are kept sorted by step, a repeated step replaced. */
export class Chart {
  constructor(container, names) {
    this.container = container;
    this.names = [];
    this.x = [];
    this.ys = [];
    this.markers = [];
    this.pending = false;
    const width = Math.max(320, (container.clientWidth || 440) - 16);
    this.plot = new uPlot({
      width, height: 220,
      scales: { x: { time: false } },
      series: [{ label: 'step' }],
      plugins: [markerPlugin(this)],
    }, [[]], container);
    names.forEach((n) => this.ensureSeries(n));
    container.dataset.points = '0';
  }

  ensureSeries(name) {
    let i = this.names.indexOf(name);
    if (i >= 0) return i;
    this.names.push(name);
    this.ys.push(this.x.map(() => null));
    i = this.names.length - 1;
    this.plot.addSeries({ label: name, stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true }, i + 1);
    return i;
  }

  /** Adds the values of one step: values maps series name to a number (non-finite values become gaps). */
  add(step, values) {
    let at = this.x.length;
    while (at > 0 && this.x[at - 1] > step) at--;
    const replace = at > 0 && this.x[at - 1] === step;
    if (replace) at--;
    else {
      this.x.splice(at, 0, step);
      this.ys.forEach((ys) => ys.splice(at, 0, null));
    }
    for (const [name, raw] of Object.entries(values)) {
      const v = Number(raw);
      this.ys[this.ensureSeries(name)][at] = Number.isFinite(v) ? v : null;
    }
    this.redraw();
  }

  addMarker(marker) {
    this.markers.push(marker);
    this.redraw();
  }

  redraw() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.plot.setData([this.x, ...this.ys]);
      this.container.dataset.points = String(this.x.length);
    });
  }
}

function markerPlugin(chart) {
  return {
    hooks: {
      draw: [(u) => {
        u.over.querySelectorAll('.marker').forEach((m) => m.remove());
        for (const m of chart.markers) {
          const left = u.valToPos(m.step, 'x');
          if (!Number.isFinite(left) || left < 0 || left > u.over.clientWidth) continue;
          const div = el('div', { class: `marker ${m.kind}`, title: m.text, 'data-step': m.step });
          div.style.left = `${left}px`;
          u.over.appendChild(div);
        }
      }],
    },
  };
}
