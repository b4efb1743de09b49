// The run page: live charts fed by server-sent events, interventions as chart markers, the parameter timeline and
// a control panel built from the run's declared parameters. Every value is written with textContent or as an
// attribute's text, never as HTML: run ids, values and reasons are attacker-controlled.
import { api, ApiError, el, installHeader } from '/common.js';
import { Chart } from '/charts.js';

installHeader('run');
const runId = new URLSearchParams(location.search).get('id');
const path = (suffix) => `/api/runs/${encodeURIComponent(runId)}${suffix}`;
const status = document.getElementById('status');
document.getElementById('run-id').textContent = runId ?? '';

function showStatus(text, error = false) {
  status.textContent = text;
  status.className = error ? 'status error' : 'status';
}

const charts = {
  loss: new Chart(document.getElementById('chart-loss'), ['loss']),
  eval: new Chart(document.getElementById('chart-eval'), []),
  lr: new Chart(document.getElementById('chart-lr'), ['learning rate']),
  batch: new Chart(document.getElementById('chart-batch'), ['batch size']),
  grad: new Chart(document.getElementById('chart-grad'), ['grad norm']),
};

const json = (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const who = (source) => (source ? [source.kind, source.author, source.rule ? `rule ${source.rule}` : null]
  .filter(Boolean).join(' ') : 'unknown');

async function loadRun() {
  const run = await api(path(''));
  const step = run.lastStep === null || run.lastStep === undefined ? '–' : run.lastStep;
  const finished = run.finishReason ? ` (${run.finishReason})` : '';
  showStatus(`${run.status}${finished} · step ${step} / ${run.plannedSteps ?? '?'} · experiment `
    + `${run.experimentId ?? ''} · workload ${run.workload ?? ''}`);
}

// ---- control panel ----

function showAnswer(node, answer) {
  if (answer.outcome === 'applied') {
    const what = answer.answers.map((a) => (a.type === 'ParameterChanged'
      ? `${a.param}: ${json(a.oldValue)} → ${json(a.newValue)} at step ${a.step}`
      : `${a.type === 'TriggerFired' ? `fired ${a.name}` : a.type} at step ${a.step}`)).join('; ');
    node.textContent = `applied: ${what}`;
  } else {
    node.textContent = `${answer.outcome}: ${answer.reason ?? ''}`;
  }
  node.className = `answer ${answer.outcome}`;
  node.dataset.outcome = answer.outcome;
}

async function send(actions, node) {
  node.textContent = 'sending…';
  node.className = 'answer pending';
  delete node.dataset.outcome;
  const reason = document.getElementById('reason').value.trim();
  try {
    const answer = await api(path('/commands'), { method: 'POST', body: reason ? { actions, reason } : { actions } });
    showAnswer(node, answer);
    loadTimeline();
  } catch (e) {
    const code = e instanceof ApiError ? ` (${e.status})` : '';
    node.textContent = `refused${code}: ${e.message}`;
    node.className = 'answer error';
    node.dataset.outcome = 'error';
  }
}

function parseValue(text, type) {
  const t = text.trim();
  if (type === 'int' && /^[-+]?\d+$/.test(t)) return Number.parseInt(t, 10);
  if (type !== 'int' && t !== '' && Number.isFinite(Number(t))) return Number(t);
  return t; // sent as text: the agent answers with its type error
}

function bounds(p) {
  const lo = p.min === null || p.min === undefined ? '' : `${p.min}${p.minExclusive ? ' <' : ' ≤'} `;
  const hi = p.max === null || p.max === undefined ? '' : ` ≤ ${p.max}`;
  return `${p.type}: ${lo}value${hi}`;
}

async function loadPanel() {
  const declared = await api(path('/parameters/declared'));
  const panel = document.getElementById('panel');
  panel.replaceChildren();
  if (declared.parameters.length === 0) panel.append(el('span', {}, 'this run declared no live parameters'));
  for (const p of declared.parameters) {
    const input = el('input', { type: 'text', size: 12, value: json(p.value), 'data-param': p.name,
      'aria-label': p.name, title: p.description ?? '' });
    const answer = el('span', { class: 'answer', 'data-answer': p.name });
    const set = el('button', { type: 'button', 'data-set': p.name,
      onclick: () => send([{ op: 'set', param: p.name, value: parseValue(input.value, p.type) }], answer) }, 'set');
    panel.append(el('label', {}, p.name), el('span', { class: 'bounds' }, bounds(p)), el('span', {}, input, ' ', set),
      answer);
  }
  const triggers = document.getElementById('triggers');
  const answer = el('span', { class: 'answer', 'data-answer': 'trigger' });
  triggers.replaceChildren(el('span', {}, 'triggers:'), ...declared.triggers.map((name) => el('button',
    { type: 'button', 'data-trigger': name, onclick: () => send([{ op: 'trigger', name }], answer) }, name)), answer);
}

// ---- parameter timeline ----

async function loadTimeline() {
  const changes = await api(path('/parameters'));
  const rows = changes.map((c) => el('tr', {}, [c.step, c.param, json(c.oldValue), json(c.newValue), c.sourceKind,
    [c.author, c.rule ? `rule ${c.rule}` : null].filter(Boolean).join(' / '), c.reason ?? '',
    c.changedAt ? new Date(c.changedAt).toLocaleTimeString() : ''].map((v) => el('td', {}, v ?? ''))));
  document.querySelector('#timeline tbody').replaceChildren(...rows);
}

// ---- live events ----

// The ledger records a change shortly after the agent publishes it: reload the timeline a little later.
let timelineReload = null;
function reloadTimelineSoon() {
  if (timelineReload) return;
  timelineReload = setTimeout(() => {
    timelineReload = null;
    loadTimeline().catch((e) => showStatus(`cannot load the parameter timeline: ${e.message}`, true));
  }, 1000);
}

function intervention(e, kind, text) {
  const marker = { step: e.step, kind, text };
  charts.loss.addMarker(marker);
  charts.lr.addMarker(marker);
  document.getElementById('interventions').append(el('li', { title: text, class: kind }, `step ${e.step}: `
    + text.split('\n')[0]));
}

function evidence(source) {
  return source && source.evidence ? `\nevidence: ${JSON.stringify(source.evidence)}` : '';
}

const handlers = {
  StepCompleted: (e) => {
    charts.loss.add(e.step, { loss: e.loss });
    charts.lr.add(e.step, { 'learning rate': e.learningRate });
    charts.batch.add(e.step, { 'batch size': e.batchSize });
    charts.grad.add(e.step, { 'grad norm': e.gradNorm });
  },
  EvalCompleted: (e) => charts.eval.add(e.step, e.metrics || {}),
  ParameterChanged: (e) => reloadTimelineSoon() || intervention(e, e.source?.kind ?? 'user',
    `${e.param}: ${json(e.oldValue)} → ${json(e.newValue)} by ${who(e.source)}${evidence(e.source)}`),
  TriggerFired: (e) => intervention(e, e.source?.kind ?? 'user', `trigger ${e.name} by ${who(e.source)}`
    + evidence(e.source)),
  CommandRejected: (e) => intervention(e, 'rejected', `rejected command from ${who(e.source)}: ${e.reason}`),
  RunFinished: () => loadRun().catch(() => {}),
};

function follow() {
  const seen = new Set();
  const source = new EventSource(path('/events'));
  for (const [type, handle] of Object.entries(handlers)) {
    source.addEventListener(type, (message) => {
      const e = JSON.parse(message.data);
      if (e.eventId) {
        if (seen.has(e.eventId)) return;
        seen.add(e.eventId);
      }
      handle(e);
    });
  }
  source.addEventListener('live-unavailable', (message) => {
    showStatus(`live updates unavailable: ${JSON.parse(message.data).error}`, true);
  });
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) showStatus('the live event stream closed', true);
  };
}

async function main() {
  if (!runId) {
    showStatus('no run id: open this page as /run.html?id=RUN', true);
    return;
  }
  try {
    await loadRun();
  } catch (e) {
    const similar = e.body && e.body.similar && e.body.similar.length ? ` (similar: ${e.body.similar.join(', ')})` : '';
    showStatus(`cannot load run: ${e.message}${similar}`, true);
    return;
  }
  follow();
  await Promise.all([loadPanel(), loadTimeline()]).catch((e) => showStatus(`cannot load: ${e.message}`, true));
  setInterval(() => {
    loadRun().catch((e) => showStatus(`cannot load run: ${e.message}`, true));
    reloadTimelineSoon();
  }, 5000);
}

main();
