// The runs page: polls /api/runs every 2 s and renders the table. Every value is written as text, never as HTML:
// run ids, experiments, tags and rule names come from any Kafka client and are attacker-controlled.
import { api, el } from '/common.js';
import { action, number, runLink, seconds, time } from '/format.js';

const body = document.querySelector('#runs tbody');
const status = document.getElementById('status');
const form = document.getElementById('filters');
const experiment = document.getElementById('experiment');
const tag = document.getElementById('tag');

function filters() {
  const params = new URLSearchParams(location.search);
  return { experiment: params.get('experiment') ?? '', tag: params.get('tag') ?? '' };
}

function query() {
  const params = new URLSearchParams();
  const f = filters();
  if (f.experiment) params.set('experiment', f.experiment);
  if (f.tag) params.set('tag', f.tag);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function intervention(run) {
  const i = run.lastIntervention;
  if (!i) return '';
  const actions = Array.isArray(i.actions) ? i.actions.map(action).join(', ') : '';
  return `${i.rule}: ${actions}${i.step === null || i.step === undefined ? '' : ` @${i.step}`} (${i.outcome})`;
}

function saved(run) {
  const s = run.savedSeconds;
  if (!s || s.items === 0) return '';
  const parts = [];
  if (s.measured) parts.push(`${seconds(s.measured)} measured`);
  if (s.estimated) parts.push(`${seconds(s.estimated)} estimated`);
  return parts.join(' + ') || '0 s';
}

function render(runs) {
  body.replaceChildren(...runs.map(run => el('tr', { dataset: { runId: run.runId } },
    el('td', { class: 'run' }, runLink(run.runId)),
    el('td', {}, run.experimentId ?? ''),
    el('td', { class: 'tags' }, (run.tags ?? []).join(', ')),
    el('td', { class: `status-${run.status}` }, run.finishReason ? `${run.status} (${run.finishReason})` : run.status),
    el('td', { class: 'step' }, run.lastStep === null ? '' : `${run.lastStep} / ${run.plannedSteps ?? '?'}`),
    el('td', { class: 'epoch' }, number(run.epoch, 3)),
    el('td', {}, number(run.lastLoss, 4)),
    el('td', {}, number(run.learningRate, 3)),
    el('td', {}, run.batchSize ?? ''),
    el('td', { class: 'intervention' }, intervention(run)),
    el('td', { class: 'saved' }, saved(run)),
    el('td', {}, time(run.startedAt)))));
  const f = filters();
  const shown = [f.experiment && `experiment ${f.experiment}`, f.tag && `tag ${f.tag}`].filter(Boolean).join(', ');
  status.textContent = `${runs.length} run(s)${shown ? ` of ${shown}` : ''}, updated ${new Date().toLocaleTimeString()}`;
  status.className = 'status';
}

async function refresh() {
  try {
    render(await api(`/api/runs${query()}`));
  } catch (e) {
    status.textContent = `cannot load runs: ${e.message}`;
    status.className = 'status error';
  }
}

function apply(values) {
  const params = new URLSearchParams();
  if (values.experiment) params.set('experiment', values.experiment);
  if (values.tag) params.set('tag', values.tag);
  const text = params.toString();
  history.replaceState(null, '', text ? `/?${text}` : '/');
  refresh();
}

form.addEventListener('submit', event => {
  event.preventDefault();
  apply({ experiment: experiment.value.trim(), tag: tag.value.trim() });
});
document.getElementById('clear').addEventListener('click', () => {
  experiment.value = '';
  tag.value = '';
  apply({});
});

const initial = filters();
experiment.value = initial.experiment;
tag.value = initial.tag;
refresh();
setInterval(refresh, 2000);
