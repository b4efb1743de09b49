// The runs page: polls /api/runs and renders the table. Every value is written with textContent, never as HTML:
// run ids, experiments and reasons come from any Kafka client and are attacker-controlled.
const body = document.querySelector('#runs tbody');
const status = document.getElementById('status');

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  row.appendChild(td);
}

function number(value, digits) {
  return value === null || value === undefined ? '' : Number(value).toPrecision(digits);
}

function time(value) {
  return value ? new Date(value).toLocaleString() : '';
}

function render(runs) {
  body.replaceChildren();
  for (const run of runs) {
    const row = document.createElement('tr');
    row.dataset.runId = run.runId;
    cell(row, run.runId);
    cell(row, run.experimentId);
    cell(row, run.workload);
    const finished = run.finishReason ? `${run.status} (${run.finishReason})` : run.status;
    cell(row, finished, `status-${run.status}`);
    cell(row, run.lastStep === null ? '' : `${run.lastStep} / ${run.plannedSteps ?? '?'}`);
    cell(row, number(run.lastLoss, 4));
    cell(row, number(run.learningRate, 3));
    cell(row, run.batchSize);
    cell(row, time(run.startedAt));
    cell(row, time(run.finishedAt));
    body.appendChild(row);
  }
  status.textContent = `${runs.length} run(s), updated ${new Date().toLocaleTimeString()}`;
  status.className = 'status';
}

async function refresh() {
  try {
    const response = await fetch('/api/runs');
    if (!response.ok) throw new Error(`GET /api/runs answered ${response.status}`);
    render(await response.json());
  } catch (e) {
    status.textContent = `cannot load runs: ${e.message}`;
    status.className = 'status error';
  }
}

refresh();
setInterval(refresh, 2000);
