// Number and time formatting shared by the runs, audit, rules and savings pages.
export function number(value, digits) {
  return value === null || value === undefined ? '' : Number(value).toPrecision(digits);
}

export function time(value) {
  return value ? new Date(value).toLocaleString() : '';
}

export function seconds(value) {
  const v = Number(value ?? 0);
  if (Math.abs(v) >= 3600) return `${(v / 3600).toFixed(2)} h`;
  if (Math.abs(v) >= 60) return `${(v / 60).toFixed(1)} min`;
  return `${v.toFixed(1)} s`;
}

// An action as a person reads it: "set lr=0.0005", "trigger stop".
export function action(a) {
  if (!a || typeof a !== 'object') return String(a ?? '');
  const kind = a.op ?? 'action';
  const name = a.param ?? a.name ?? a.path ?? '';
  const value = a.value === undefined ? '' : `=${JSON.stringify(a.value)}`;
  return `${kind} ${name}${value}`.trim();
}

export function runLink(runId) {
  const a = document.createElement('a');
  a.href = `/run.html?id=${encodeURIComponent(runId)}`;
  a.textContent = runId;
  return a;
}
