// Neuro operator console (/neuro/console): games with actions, context and warnings, the pending force,
// an action form generated from the schema and checked before sending, the decider, and a log export.
import { Connection } from './connection.js';
import { el, describeError, parseJson, time, Notices } from './dom.js';
import { schemaFields, validate } from './schema-form.js';

const LOG_CAP = 5000;
const CLOSED_KEPT = 20;
// Forces waiting for the operator: by priority, then oldest first (as OperatorQueue on the server).
const PRIORITY_RANK = { critical: 0, high: 1, medium: 2, low: 3 };

export function neuroPanel(root, { onAttention }) {
  const notices = new Notices(root.querySelector('[data-role=notices]'));
  const gamesList = root.querySelector('[data-role=games]');
  const deciderBox = root.querySelector('[data-role=decider]');
  const soundBox = root.querySelector('#neuro-sound');
  const games = new Map(); // "connection/game" -> Game
  const log = [];
  const seenForces = new Set();
  const queue = el('ol', { class: 'operator-queue', 'data-role': 'operator-queue', 'aria-label': 'Forces waiting for you' });
  const queueEmpty = el('p', { class: 'hint', 'data-role': 'operator-queue-empty' }, 'No force is waiting for you.');
  queue.hidden = true;
  gamesList.before(el('section', { class: 'queue' }, el('h3', {}, 'Waiting for you'), queue, queueEmpty));
  let decider = null;
  let byPriority = {};
  let requests = 0;

  const connection = new Connection('neuro', 'neuro/console', {
    onOpen: (_, reconnect) => reconnect && notices.info('console reconnected: the snapshot that follows is current'),
    onMessage: receive,
    onError: (text) => notices.error(text),
  });

  function record(direction, message) {
    log.push({ at: new Date().toISOString(), direction, message });
    if (log.length > LOG_CAP) log.splice(0, log.length - LOG_CAP);
  }

  function command(message) {
    const request = { ...message, request_id: `r${++requests}` };
    record('sent', request);
    return connection.send(request) ? request.request_id : null;
  }

  function receive(text) {
    const parsed = parseJson(text);
    if (parsed.error) return notices.error(`neuro: unreadable frame: ${text}`);
    const message = parsed.value;
    record('received', message);
    switch (message.type) {
      case 'snapshot':
        byPriority = message.decider_by_priority ?? {};
        showDecider(message.decider, message.deciders);
        for (const game of games.values()) game.close();
        message.games.forEach((view) => game(view).update(view, []));
        break;
      case 'game':
        game(message.view).update(message.view, message.changes, message.left_out);
        break;
      case 'game_closed':
        games.get(key(message))?.close();
        break;
      case 'decider':
        byPriority = message.decider_by_priority ?? {};
        showDecider(message.decider);
        break;
      case 'session_export':
        download(message.jsonl, 'application/x-ndjson', `neuro-session-${message.connection_id}.jsonl`);
        break;
      case 'ack':
        notices.info(`${message.command} accepted${message.action_id ? ' (action ' + message.action_id + ')' : ''}`);
        break;
      case 'error':
        notices.error(`neuro: ${describeError(message)}`);
        break;
      default:
        notices.info(`neuro: ${text}`);
    }
    showQueue();
  }

  function deciderFor(priority) {
    return byPriority[priority ?? 'low'] ?? decider;
  }

  function showQueue() {
    const waiting = [...games.values()].filter((g) => !g.closed && g.view?.pending_force?.status === 'choosing'
      && deciderFor(g.view.pending_force.priority) === 'operator');
    const rank = (g) => PRIORITY_RANK[g.view.pending_force.priority] ?? PRIORITY_RANK.low;
    waiting.sort((a, b) => rank(a) - rank(b)
      || Date.parse(a.view.pending_force.since) - Date.parse(b.view.pending_force.since));
    queue.replaceChildren(...waiting.map((g) => el('li', { 'data-game': g.name ?? '', 'data-priority': g.view.pending_force.priority },
      el('button', { type: 'button', class: 'link', onclick: () => g.force.focus() },
        `${g.view.pending_force.priority} · ${g.name} · ${g.view.pending_force.query}`))));
    queue.hidden = !waiting.length;
    queueEmpty.hidden = waiting.length > 0;
  }

  function download(text, type, name) {
    const blob = new Blob([text], { type });
    const link = el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  function showDecider(name, names) {
    decider = name;
    if (names) {
      deciderBox.replaceChildren(el('legend', {}, 'Decider'), ...names.map((n) => el('label', {},
        el('input', { type: 'radio', name: 'decider', value: n, 'data-decider': n,
          onchange: () => command({ type: 'set_decider', decider: n }) }), ` ${n}`)));
    }
    for (const input of deciderBox.querySelectorAll('input')) input.checked = input.value === name;
    root.dataset.decider = name;
  }

  function key(view) {
    return `${view.connection_id}/${view.game}`;
  }

  function game(view) {
    let g = games.get(key(view));
    if (!g || g.closed) {
      g?.node.remove();
      g = new Game(view);
      games.set(key(view), g);
      gamesList.prepend(g.node);
    }
    return g;
  }

  class Game {
    constructor(view) {
      this.connectionId = view.connection_id;
      this.name = view.game;
      this.closed = false;
      this.formKey = null;
      this.fields = null;
      const id = (part) => `g-${this.connectionId}-${this.name}-${part}`.replace(/[^A-Za-z0-9_-]/g, '_');
      this.actionSelect = el('select', { id: id('action'), 'data-role': 'action-name', onchange: () => this.showForm() });
      this.sendAnyway = el('input', { type: 'checkbox', id: id('anyway'), 'data-role': 'send-anyway' });
      this.wantsShutdown = el('input', { type: 'checkbox', id: id('wants'), checked: true });
      this.problems = el('ul', { class: 'problems', 'data-role': 'problems', role: 'alert' });
      this.dataHolder = el('div', { 'data-role': 'data' });
      this.force = el('section', { class: 'force', tabindex: '-1', 'data-role': 'force', 'aria-label': `Pending force of ${this.name}` });
      this.actions = el('ul', { class: 'actions', 'data-role': 'actions' });
      this.context = el('ol', { class: 'context feed', 'data-role': 'context' });
      this.warnings = el('ul', { class: 'warnings feed', 'data-role': 'warnings' });
      this.inFlight = el('ul', { class: 'inflight', 'data-role': 'in-flight' });
      this.changes = el('p', { class: 'changes', 'data-role': 'changes' });
      const target = { connection_id: this.connectionId };
      // game null: the connection's own view (frames whose game could not be read).
      this.node = el('article', { class: 'game', 'data-game': this.name ?? '', 'data-connection': this.connectionId },
        el('header', {}, el('h3', {}, this.name ?? '(connection)'), el('span', { class: 'mono small' }, this.connectionId),
          el('span', { class: 'badge', 'data-role': 'started' })),
        el('div', { class: 'game-buttons' },
          el('button', { type: 'button', 'data-role': 'reregister', onclick: () => command({ type: 'reregister_all', ...target }) }, 'Re-register all'),
          el('button', { type: 'button', 'data-role': 'graceful',
            onclick: () => command({ type: 'shutdown_graceful', ...target, wants_shutdown: this.wantsShutdown.checked }) }, 'Shutdown (graceful)'),
          el('label', { for: id('wants') }, this.wantsShutdown, ' wants shutdown'),
          el('button', { type: 'button', class: 'danger', 'data-role': 'immediate', onclick: () => command({ type: 'shutdown_immediate', ...target }) }, 'Shutdown (immediate)'),
          el('button', { type: 'button', 'data-role': 'export-session',
            onclick: () => command({ type: 'export_session', ...target, ...(this.name === null ? {} : { game: this.name }) }) }, 'Export session')),
        this.force,
        el('form', { class: 'action-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.send(e.submitter?.dataset.mode ?? 'send'); } },
          el('div', { class: 'field' }, el('label', { for: id('action') }, 'Action'), this.actionSelect),
          this.dataHolder,
          el('div', { class: 'row' },
            el('button', { type: 'submit', 'data-mode': 'answer', 'data-role': 'answer' }, 'Answer force'),
            el('button', { type: 'submit', 'data-mode': 'send', 'data-role': 'send' }, 'Send action'),
            el('label', { for: id('anyway') }, this.sendAnyway, ' send anyway (skip the schema check)')),
          this.problems),
        this.changes,
        el('details', { open: true }, el('summary', {}, 'Actions'), this.actions),
        el('details', {}, el('summary', {}, 'In flight'), this.inFlight),
        el('details', { open: true }, el('summary', {}, 'Context'), this.context),
        el('details', {}, el('summary', { 'data-role': 'warnings-summary' }, 'Warnings'), this.warnings));
    }

    update(view, changes, leftOut = 0) {
      this.view = view;
      this.node.querySelector('[data-role=started]').textContent = view.started ? 'started' : 'not started';
      this.showForce(view.pending_force);
      this.showActions(view.actions);
      this.context.replaceChildren(...view.context.map((c) => el('li', { class: c.silent ? 'silent' : '' },
        el('time', { datetime: c.at }, c.at.slice(11, 19)), ' ', c.message, c.silent ? ' (silent)' : '')));
      this.context.scrollTop = this.context.scrollHeight;
      this.warnings.replaceChildren(...view.warnings.map((w) => el('li', {},
        el('time', { datetime: w.at }, w.at.slice(11, 19)), ' ',
        w.code ? el('span', { class: `badge ${w.severity ?? ''}`, 'data-code': w.code, title: (w.codes ?? []).join(', ') }, w.code) : null,
        ' ', w.message,
        w.frame ? el('details', {}, el('summary', {}, 'raw frame'), el('pre', {}, w.frame)) : null)));
      this.node.querySelector('[data-role=warnings-summary]').textContent = `Warnings (${view.warnings.length})`;
      this.inFlight.replaceChildren(...view.in_flight.map((f) => el('li', {},
        `${f.name} ${f.data ?? ''} ${f.forced ? '(forced)' : ''} sent ${f.sent_at.slice(11, 19)}`)));
      if (changes.length) {
        this.changes.textContent = `${time()} ${changes.map((c) => `${c.kind}: ${c.detail}`).join(' · ')}${leftOut ? ` (+${leftOut} earlier)` : ''}`;
      }
    }

    showForce(force) {
      this.node.dataset.force = force ? force.status : 'none';
      this.node.querySelector('[data-role=answer]').disabled = !force;
      if (!force) {
        this.force.replaceChildren(el('p', { class: 'hint' }, 'No pending force.'));
        this.node.classList.remove('attention');
        return;
      }
      this.force.replaceChildren(el('h4', {}, `Force (${force.status}, priority ${force.priority ?? 'low'}, retries ${force.retries})`),
        el('p', { 'data-role': 'query' }, el('strong', {}, 'Query: '), force.query),
        force.state ? el('p', {}, el('strong', {}, 'State: '), el('span', { class: 'pre' }, force.state)) : null,
        el('p', {}, el('strong', {}, 'Allowed: '), force.action_names.join(', ')));
      if (!seenForces.has(force.id)) {
        seenForces.add(force.id);
        if (force.action_names.length && this.actionSelect.value !== force.action_names[0]) {
          this.wantedAction = force.action_names[0];
        }
        if (deciderFor(force.priority) === 'operator' && force.status === 'choosing') this.attention();
      }
    }

    attention() {
      this.node.classList.add('attention');
      onAttention();
      if (!root.hidden) this.force.focus();
      if (soundBox.checked) beep();
    }

    showActions(actions) {
      this.actions.replaceChildren(...actions.map((a) => el('li', { 'data-action': a.name },
        el('strong', {}, a.name), ' ', a.description,
        el('details', {}, el('summary', {}, 'schema'), el('pre', {}, a.schema ? JSON.stringify(a.schema, null, 2) : '(none)')))));
      const names = actions.map((a) => a.name);
      const current = this.wantedAction ?? this.actionSelect.value;
      this.wantedAction = undefined;
      if (names.join('\n') !== [...this.actionSelect.options].map((o) => o.value).join('\n')) {
        this.actionSelect.replaceChildren(...names.map((n) => el('option', { value: n }, n)));
      }
      if (names.includes(current)) this.actionSelect.value = current;
      this.showForm();
    }

    schema() {
      return this.view?.actions.find((a) => a.name === this.actionSelect.value)?.schema ?? null;
    }

    showForm() {
      const formKey = `${this.actionSelect.value}\n${JSON.stringify(this.schema())}`;
      if (formKey === this.formKey) return;
      this.formKey = formKey;
      this.fields = this.actionSelect.value ? schemaFields(this.schema() ?? { type: 'object' }, 'data') : null;
      this.dataHolder.replaceChildren(this.fields ? this.fields.node : el('p', { class: 'hint' }, 'No actions registered.'));
      this.problems.replaceChildren();
    }

    send(mode) {
      this.problems.replaceChildren();
      const action = this.actionSelect.value;
      if (!action || !this.fields) return this.problem('Choose an action first');
      const data = this.fields.read();
      if (data.error) return this.problem(data.error);
      const problems = this.schema() ? validate(this.schema(), data.value) : [];
      if (problems.length && !this.sendAnyway.checked) {
        problems.forEach((p) => this.problem(p));
        return this.problem('Not sent: fix the data, or tick "send anyway"');
      }
      command({ type: mode === 'answer' ? 'answer_force' : 'send_action', connection_id: this.connectionId,
        game: this.name, action, data: data.value, send_anyway: this.sendAnyway.checked });
      this.node.classList.remove('attention');
    }

    problem(text) {
      this.problems.append(el('li', {}, text));
    }

    close() {
      this.closed = true;
      this.node.dataset.closed = 'true';
      this.node.querySelectorAll('button, input, select, textarea').forEach((c) => { c.disabled = true; });
      this.node.querySelector('header').append(el('span', { class: 'badge closed' }, 'disconnected'));
      const closed = [...gamesList.querySelectorAll('[data-closed]')];
      closed.slice(CLOSED_KEPT).forEach((n) => n.remove());
    }
  }

  root.querySelector('#neuro-export').addEventListener('click', () =>
    download(JSON.stringify(log, null, 1), 'application/json', `neuro-console-${new Date().toISOString()}.json`));
  root.querySelector('#neuro-snapshot').addEventListener('click', () => command({ type: 'snapshot' }));
  return connection;
}

function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    tone.connect(audio.destination);
    tone.frequency.value = 660;
    tone.start();
    tone.stop(audio.currentTime + 0.15);
  } catch {
    // no audio: the badge and focus still show the force
  }
}
