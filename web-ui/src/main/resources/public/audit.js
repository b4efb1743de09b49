// The audit page: a run's timeline (commands, answers, changes, triggers, rule reports) from the ledger, filtered as
// you type, and whether the ledger's hash chain holds. Every value is written as text.
import { api, el } from '/common.js';
import { time } from '/format.js';

const runField = document.getElementById('run');
const filterField = document.getElementById('filter');
const chain = document.getElementById('chain');
const status = document.getElementById('status');
const body = document.querySelector('#timeline tbody');
const ENVELOPE = new Set(['v', 'type', 'runId', 'experimentId', 'eventId', 'seq', 'step', 'time', 'commandId']);

let entries = [];

function author(message) {
  return message?.source?.author ?? message?.author ?? '';
}

function details(message) {
  if (!message || typeof message !== 'object') return '';
  const rest = Object.fromEntries(Object.entries(message).filter(([k]) => !ENVELOPE.has(k)));
  return JSON.stringify(rest);
}

function searchable(entry) {
  return [entry.type, entry.commandId ?? '', author(entry.message), JSON.stringify(entry.message ?? {})]
    .join(' ').toLowerCase();
}

function render() {
  const needle = filterField.value.trim().toLowerCase();
  const shown = needle ? entries.filter(e => searchable(e).includes(needle)) : entries;
  body.replaceChildren(...shown.map(e => el('tr', { dataset: { type: e.type } },
    el('td', {}, e.id),
    el('td', {}, time(e.time)),
    el('td', {}, e.step ?? ''),
    el('td', { class: 'type' }, e.type),
    el('td', { class: 'mono' }, e.commandId ?? ''),
    el('td', {}, author(e.message)),
    el('td', { class: 'details mono' }, details(e.message)))));
  status.textContent = `${shown.length} of ${entries.length} entries${needle ? ` matching "${needle}"` : ''}`;
}

function showChain(report, scope) {
  if (report.intact) {
    chain.textContent = `hash chain intact: ${report.rows} row(s) of ${report.runs} run(s) checked (${scope})`;
    chain.className = 'status chain-intact';
  } else {
    chain.textContent = `hash chain BROKEN (${scope}): ` + report.breaks
      .map(b => `run ${b.runId} at position ${b.runSeq} (${b.problem})`).join('; ');
    chain.className = 'status error chain-broken';
  }
}

async function load(run) {
  entries = [];
  render();
  try {
    if (!run) {
      status.textContent = 'enter a run id to see its timeline';
      showChain(await api('/api/chain'), 'whole ledger');
      return;
    }
    const path = `/api/runs/${encodeURIComponent(run)}`;
    const [timeline, report] = await Promise.all([api(`${path}/timeline`), api(`${path}/chain`)]);
    entries = timeline;
    render();
    showChain(report, `run ${run}`);
  } catch (e) {
    status.textContent = `cannot load run ${run}: ${e.message}`
      + (e.body?.similar?.length ? ` (similar: ${e.body.similar.join(', ')})` : '');
    status.className = 'status error';
    chain.textContent = '';
  }
}

document.getElementById('pick').addEventListener('submit', event => {
  event.preventDefault();
  const run = runField.value.trim();
  history.replaceState(null, '', run ? `/audit.html?run=${encodeURIComponent(run)}` : '/audit.html');
  status.className = 'status';
  load(run);
});
filterField.addEventListener('input', render);

const initial = new URLSearchParams(location.search).get('run') ?? '';
runField.value = initial;
load(initial);
