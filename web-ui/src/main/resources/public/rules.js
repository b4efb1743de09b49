// The rules page: rule sets the ledger saw published, their controllers and firing counts, recent rule problems,
// and an upload form that shows the loader's error with its position. Everything is written as text: rule names,
// controller names and errors come from uploaded files and are attacker-controlled.
import { api, el } from '/common.js';
import { time } from '/format.js';

const status = document.getElementById('status');
const sets = document.querySelector('#rule-sets tbody');
const problems = document.querySelector('#problems tbody');
const form = document.getElementById('upload');
const result = document.getElementById('upload-result');

function controllers(set) {
  return el('ul', { class: 'controllers' }, set.controllers.map(c =>
    el('li', { dataset: { controller: c.name } },
      `${c.name}: ${c.fired} / ${c.applied} / ${c.rejected} / ${c.pending}`)));
}

function state(set) {
  if (set.running) return set.latestOutcome === 'rejected' ? 'running (last upload rejected)' : 'running';
  return set.latestOutcome === 'removed' ? 'withdrawn' : 'not running (rejected)';
}

function render(view) {
  sets.replaceChildren(...view.ruleSets.map(set => el('tr', { dataset: { ruleSet: set.name } },
    el('td', { class: 'name' }, set.name),
    el('td', { class: 'state' }, state(set), set.lastError ? el('div', { class: 'error' }, set.lastError) : null),
    el('td', { class: 'mono' }, set.version ? set.version.slice(0, 12) : ''),
    el('td', {}, controllers(set)),
    el('td', { class: 'mono' }, set.scope ? JSON.stringify(set.scope) : ''),
    el('td', {}, time(set.changedAt)))));
  problems.replaceChildren(...view.problems.map(p => el('tr', {},
    el('td', {}, time(p.time)),
    el('td', {}, p.type),
    el('td', {}, p.runId ?? ''),
    el('td', {}, p.step ?? ''),
    el('td', {}, p.ruleSet ?? ''),
    el('td', {}, p.controller ?? ''),
    el('td', { class: 'message' }, p.message ?? ''))));
  status.textContent = `${view.ruleSets.length} rule set(s), updated ${new Date().toLocaleTimeString()}`;
  status.className = 'status';
}

async function refresh() {
  try {
    render(await api('/api/rules'));
  } catch (e) {
    status.textContent = `cannot load rule sets: ${e.message}`;
    status.className = 'status error';
  }
}

function position(body) {
  if (!body) return null;
  const parts = [];
  if (body.line) parts.push(`line ${body.line}`);
  if (body.column) parts.push(`column ${body.column}`);
  if (body.subject) parts.push(body.subject);
  if (body.field) parts.push(`field '${body.field}'`);
  return parts.length ? el('div', { class: 'position' }, parts.join(', ')) : null;
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  const name = document.getElementById('rule-name').value.trim();
  const yaml = document.getElementById('rule-yaml').value;
  result.replaceChildren(el('span', { class: 'status' }, 'checking…'));
  try {
    const answer = await api('/api/rules', { method: 'POST', body: { name, yaml } });
    result.className = 'result ok';
    result.replaceChildren(el('div', {}, `published ${answer.name} version ${answer.version.slice(0, 12)}`
      + ` (controllers: ${answer.controllers.join(', ')})`));
    refresh();
  } catch (e) {
    result.className = 'result error';
    result.replaceChildren(el('div', { class: 'message' }, e.message), position(e.body));
  }
});

refresh();
setInterval(refresh, 5000);
