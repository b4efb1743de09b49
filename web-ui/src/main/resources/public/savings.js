// The savings page: what interventions saved, per rule or user (credit), run and experiment, from /api/savings.
// Every figure says whether it was measured or estimated. The plot draws seconds saved per credit with uPlot (its
// labels are drawn on a canvas; the legend is off), every table cell is written as text.
import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { api, el } from '/common.js';
import { seconds } from '/format.js';

const status = document.getElementById('status');
const total = document.getElementById('total');
const plot = document.getElementById('plot');
const experimentField = document.getElementById('experiment');

function figure(measured, estimated, format) {
  const parts = [];
  if (measured) parts.push(el('span', { class: 'measured' }, `${format(measured)} measured`));
  if (estimated) parts.push(el('span', { class: 'estimated' }, `${format(estimated)} estimated`));
  if (!parts.length) parts.push(el('span', { class: 'none' }, '0'));
  return parts.flatMap((p, i) => (i ? [' + ', p] : [p]));
}

function joules(v) {
  if (Math.abs(v) >= 3.6e6) return `${(v / 3.6e6).toFixed(3)} kWh`;
  return Math.abs(v) >= 1e3 ? `${(v / 1e3).toFixed(1)} kJ` : `${v.toFixed(0)} J`;
}

function bytes(v) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = v;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit ? 1 : 0)} ${units[unit]}`;
}

function table(id, heading, totals) {
  const node = document.getElementById(id);
  node.tHead.replaceChildren(el('tr', {}, el('th', {}, heading), el('th', {}, 'items'), el('th', {}, 'time saved'),
    el('th', {}, 'energy saved'), el('th', {}, 'storage saved')));
  node.tBodies[0].replaceChildren(...Object.entries(totals).map(([key, t]) => el('tr', { dataset: { key } },
    el('td', { class: 'key' }, key),
    el('td', {}, t.items),
    el('td', { class: 'seconds' }, figure(t.secondsMeasured, t.secondsEstimated, seconds)),
    el('td', {}, figure(t.joulesMeasured, t.joulesEstimated, joules)),
    el('td', {}, figure(t.bytesMeasured, t.bytesEstimated, bytes)))));
}

let chart = null;

function draw(byCredit) {
  const keys = Object.keys(byCredit);
  chart?.destroy();
  chart = null;
  if (!keys.length) return;
  const xs = keys.map((_, i) => i);
  const measured = keys.map(k => byCredit[k].secondsMeasured);
  const estimated = keys.map(k => byCredit[k].secondsEstimated);
  const bars = uPlot.paths.bars({ size: [0.4, 60] });
  chart = new uPlot({
    width: Math.min(900, plot.clientWidth || 900),
    height: 260,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.6, keys.length - 0.4] } },
    axes: [
      { values: (u, ticks) => ticks.map(t => (Number.isInteger(t) && keys[t] !== undefined ? keys[t] : '')),
        splits: () => xs },
      { label: 'seconds saved' },
    ],
    series: [{}, { label: 'measured', stroke: '#0a7d32', fill: '#0a7d3288', paths: bars },
      { label: 'estimated', stroke: '#b06a00', fill: '#b06a0066', paths: bars }],
  }, [xs, measured, estimated], plot);
}

async function load(experiment) {
  try {
    const view = await api(`/api/savings${experiment ? `?experiment=${encodeURIComponent(experiment)}` : ''}`);
    total.replaceChildren('total time saved: ', ...figure(view.total.secondsMeasured, view.total.secondsEstimated,
      seconds), ` over ${view.total.items} item(s)`);
    table('by-credit', 'credited to', view.byCredit);
    table('by-run', 'run', view.byRun);
    table('by-experiment', 'experiment', view.byExperiment);
    draw(view.byCredit);
    status.textContent = `${view.items.length} item(s)${experiment ? ` of experiment ${experiment}` : ''}; `
      + 'green: measured, amber: estimated';
    status.className = 'status';
  } catch (e) {
    status.textContent = `cannot load savings: ${e.message}`
      + (e.body?.similar?.length ? ` (similar: ${e.body.similar.join(', ')})` : '');
    status.className = 'status error';
  }
}

document.getElementById('pick').addEventListener('submit', event => {
  event.preventDefault();
  const experiment = experimentField.value.trim();
  history.replaceState(null, '', experiment ? `/savings.html?experiment=${encodeURIComponent(experiment)}`
    : '/savings.html');
  load(experiment);
});

const initial = new URLSearchParams(location.search).get('experiment') ?? '';
experimentField.value = initial;
load(initial);
