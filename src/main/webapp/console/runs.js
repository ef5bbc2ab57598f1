// Runs panel (/runs): start, watch (timeline in seq order), cancel, list_runs, and resume after a reconnect.
import { Connection } from './connection.js';
import { el, appendCapped, describeError, parseJson, time, Notices } from './dom.js';

const TASK_DEFAULTS = {
  demo: { steps: 5, delay_ms: 200 },
  compute: { calls: [{ func: 'multiply', args: [3, 4] }] },
  chat: { message: 'Hello, Pickle!' },
};
const TERMINAL = { run_completed: 'completed', run_failed: 'failed', run_cancelled: 'cancelled' };
const EVENTS_PER_RUN = 1000;
const RUNS_SHOWN = 100;

export function runsPanel(root) {
  const notices = new Notices(root.querySelector('[data-role=notices]'));
  const taskSelect = root.querySelector('#run-task');
  const inputBox = root.querySelector('#run-input');
  const idInput = root.querySelector('#run-id');
  const runsList = root.querySelector('[data-role=runs]');
  const serverList = root.querySelector('[data-role=server-runs]');
  const runs = new Map(); // run_id -> {card, lastSeq, status}

  const connection = new Connection('runs', 'runs', {
    onOpen: (_, reconnect) => {
      if (!reconnect) return;
      // Pick up every run still being watched where its timeline stops: no gap, no duplicate.
      for (const [runId, run] of runs) {
        if (run.status === 'running') connection.send({ type: 'resume', run_id: runId, after_seq: run.lastSeq });
      }
    },
    onMessage: receive,
    onError: (text) => notices.error(text),
  });

  function fillDefaults() {
    inputBox.value = JSON.stringify(TASK_DEFAULTS[taskSelect.value] ?? {}, null, 1);
  }

  function newId() {
    return `run-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  }

  function card(runId, task) {
    let run = runs.get(runId);
    if (run) return run;
    const cancel = el('button', { type: 'button', class: 'cancel', onclick: () => connection.send({ type: 'cancel_run', run_id: runId }) }, 'Cancel');
    const timeline = el('ol', { class: 'timeline', start: '0', 'aria-label': `Events of run ${runId}` });
    const node = el('article', { class: 'run', 'data-run-id': runId, 'data-status': 'running' },
      el('header', {}, el('h3', {}, runId), el('span', { class: 'task' }, task ?? ''),
        el('span', { class: 'badge' }, 'running'), cancel),
      timeline);
    runsList.prepend(node);
    while (runsList.childElementCount > RUNS_SHOWN) {
      const old = runsList.lastElementChild;
      runs.delete(old.dataset.runId);
      old.remove();
    }
    run = { node, timeline, lastSeq: -1, status: 'running' };
    runs.set(runId, run);
    return run;
  }

  function setStatus(run, status) {
    run.status = status;
    run.node.dataset.status = status;
    run.node.querySelector('.badge').textContent = status;
    if (status !== 'running') run.node.querySelector('.cancel')?.remove();
  }

  function runEvent(event) {
    const run = card(event.run_id, event.payload?.task);
    if (event.seq <= run.lastSeq) return; // seen already (a resume may overlap)
    if (event.seq !== run.lastSeq + 1) {
      notices.error(`run ${event.run_id}: events ${run.lastSeq + 1}..${event.seq - 1} missing`);
      run.node.dataset.gap = 'true';
    }
    run.lastSeq = event.seq;
    const summary = event.event_type === 'step' ? event.payload.message
      : event.event_type === 'output' ? JSON.stringify(event.payload)
      : event.event_type === 'run_failed' ? describeError(event.payload)
      : JSON.stringify(event.payload);
    appendCapped(run.timeline, el('li', { 'data-seq': event.seq, 'data-type': event.event_type, value: event.seq },
      el('span', { class: 'seq' }, `#${event.seq}`), ' ', el('strong', {}, event.event_type), ' ',
      el('time', { datetime: event.timestamp }, event.timestamp?.slice(11, 23) ?? ''), ' ',
      el('span', { class: 'mono' }, summary)), EVENTS_PER_RUN);
    if (TERMINAL[event.event_type]) setStatus(run, TERMINAL[event.event_type]);
  }

  function showServerRuns(list) {
    serverList.replaceChildren(...list.map((r) => el('li', { 'data-run-id': r.run_id },
      el('span', { class: `badge status-${r.status}` }, r.status), ` ${r.run_id} (${r.task}, last seq ${r.last_seq}) `,
      el('button', { type: 'button', onclick: () => watch(r.run_id) }, `Watch ${r.run_id}`))));
    if (list.length === 0) serverList.append(el('li', {}, `No runs on the server (${time()})`));
  }

  function watch(runId) {
    const run = runs.get(runId);
    if (connection.send({ type: 'resume', run_id: runId, after_seq: run ? run.lastSeq : -1 })) card(runId);
  }

  function receive(text) {
    const parsed = parseJson(text);
    if (parsed.error) return notices.error(`runs: unreadable frame: ${text}`);
    const message = parsed.value;
    if (message.type === 'run_event') return runEvent(message);
    if (message.type === 'runs') return showServerRuns(message.runs);
    if (message.type === 'error') {
      notices.error(`runs${message.run_id ? ' ' + message.run_id : ''}: ${describeError(message)}`);
      const run = runs.get(message.run_id);
      if (run && run.lastSeq < 0 && ['duplicate_run_id', 'unknown_task', 'invalid_request', 'too_many_runs'].includes(message.code)) {
        setStatus(run, 'refused');
      }
      return;
    }
    notices.info(`runs: ${text}`);
  }

  taskSelect.addEventListener('change', fillDefaults);
  root.querySelector('#run-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = parseJson(inputBox.value.trim() === '' ? '{}' : inputBox.value);
    if (input.error) return notices.error(`input: ${input.error}`);
    const runId = idInput.value.trim() || newId();
    if (connection.send({ type: 'start_run', run_id: runId, task: taskSelect.value, input: input.value })) {
      card(runId, taskSelect.value);
      idInput.value = '';
    }
  });
  root.querySelector('#run-list').addEventListener('click', () => connection.send({ type: 'list_runs' }));
  fillDefaults();
  return connection;
}
