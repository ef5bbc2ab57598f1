// Calls panel (/ws or /rpc): forms built from the catalog, call history with latency, streams, cancel, batches,
// raw frames.
import { Connection } from './connection.js';
import { dialects } from './call-dialects.js';
import { el, appendCapped, describeError, parseJson, Notices } from './dom.js';
import { schemaFields } from './schema-form.js';

const HISTORY_CAP = 500;

export function callsPanel(root) {
  const notices = new Notices(root.querySelector('[data-role=notices]'));
  const functionSelect = root.querySelector('#call-func');
  const argsHolder = root.querySelector('[data-role=args]');
  const history = root.querySelector('[data-role=history]');
  const batchList = root.querySelector('[data-role=batch]');
  const rawBox = root.querySelector('#call-raw');
  const protocolSelect = root.querySelector('#call-protocol');
  const pathLabel = root.querySelector('[data-role=calls-path]');
  let dialect = dialects.ws;
  const calls = new Map(); // id -> {row, started, func}
  let catalog = [];
  let fields = null;
  let pendingBatch = [];
  let counter = 0;

  const connection = new Connection('calls', dialect.path, {
    onOpen: () => connection.send(dialect.catalogRequest()),
    onMessage: receive,
    onError: (text) => notices.error(text),
  });

  function showFunction() {
    const fn = catalog.find((f) => f.name === functionSelect.value);
    fields = fn ? schemaFields(fn.params, 'args') : null;
    argsHolder.replaceChildren(fn ? el('p', { class: 'hint' }, fn.description, fn.streaming ? ' (streams partial results)' : '') : '',
      fields ? fields.node : '');
  }

  function request() {
    const fn = catalog.find((f) => f.name === functionSelect.value);
    if (!fn || !fields) {
      notices.error('Choose a function first (the catalog has not arrived yet?)');
      return null;
    }
    const args = fields.read();
    if (args.error) {
      notices.error(`${fn.name}: ${args.error}`);
      return null;
    }
    return { id: `c${++counter}`, func: fn.name, args: args.value };
  }

  function addRow(req, batchLabel) {
    const cancel = el('button', { type: 'button', class: 'cancel', onclick: () => connection.send(dialect.cancel(req.id)) }, 'Cancel');
    const row = el('tr', { 'data-call-id': req.id, 'data-status': 'pending' },
      el('td', {}, req.id), el('td', {}, batchLabel ? `${batchLabel}: ${req.func}` : req.func),
      el('td', { class: 'mono' }, JSON.stringify(req.args)),
      el('td', { class: 'status' }, el('span', { class: 'badge' }, 'pending')),
      el('td', { class: 'mono result' }), el('td', { class: 'latency' }), el('td', {}, cancel));
    appendCapped(history, row, HISTORY_CAP);
    calls.set(req.id, { row, started: performance.now(), func: req.func, partials: [] });
  }

  function finish(id, reply) {
    const call = calls.get(id);
    if (!call) return false;
    calls.delete(id);
    const ms = performance.now() - call.started;
    const ok = 'result' in reply;
    call.row.dataset.status = ok ? 'ok' : 'error';
    call.row.querySelector('.badge').textContent = ok ? 'ok' : reply.code ?? 'error';
    const streamed = call.partials.length ? ` (after partials ${call.partials.slice(-20).join(', ')})` : '';
    call.row.querySelector('.result').textContent = (ok ? JSON.stringify(reply.result) : describeError(reply)) + streamed;
    call.row.querySelector('.latency').textContent = `${ms.toFixed(1)} ms`;
    call.row.querySelector('.cancel')?.remove();
    return true;
  }

  function partial(reply) {
    const call = calls.get(reply.id);
    if (!call) return false;
    call.partials.push(reply.partial);
    call.row.dataset.status = 'streaming';
    call.row.querySelector('.badge').textContent = 'streaming';
    call.row.querySelector('.result').textContent = `partials: ${call.partials.slice(-20).join(', ')}`;
    return true;
  }

  function receive(text) {
    const parsed = parseJson(text);
    if (parsed.error) return notices.error(`calls: unreadable frame: ${text}`);
    const reply = Array.isArray(parsed.value) ? parsed.value.map(dialect.reply) : dialect.reply(parsed.value);
    if (Array.isArray(reply)) return batchReply(reply, text);
    if (reply.id === 'catalog' && Array.isArray(reply.result)) return loadCatalog(reply.result);
    if ('partial' in reply && partial(reply)) return;
    if (reply.id !== undefined && finish(reply.id, reply)) return;
    // Not the answer of a call of the history: a raw frame's answer or an error without id.
    if (reply.error) notices.error(`calls: ${describeError(reply)}`);
    else notices.info(`calls: ${text}`);
  }

  function batchReply(replies, text) {
    const ids = replies.map((r) => r?.id).filter((id) => id !== undefined && calls.has(id));
    if (ids.length === 0) return notices.info(`calls (batch): ${text}`);
    replies.forEach((r) => r?.id !== undefined && finish(r.id, r));
  }

  function loadCatalog(functions) {
    catalog = functions;
    const chosen = functionSelect.value;
    functionSelect.replaceChildren(...functions.map((f) => el('option', { value: f.name }, f.name)));
    if (functions.some((f) => f.name === chosen)) functionSelect.value = chosen;
    showFunction();
  }

  /** Speaks the other wire: the same functions, on its endpoint; calls still running there end as disconnected. */
  function switchProtocol() {
    dialect = dialects[protocolSelect.value];
    for (const id of [...calls.keys()]) finish(id, { error: 'the console switched endpoints', code: 'disconnected' });
    pathLabel.textContent = `/${dialect.path}`;
    rawBox.value = dialect.example;
    connection.switchTo(dialect.path);
  }

  functionSelect.addEventListener('change', showFunction);
  protocolSelect.addEventListener('change', switchProtocol);
  root.querySelector('#call-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const req = request();
    if (req && connection.send(dialect.call(req))) addRow(req);
  });
  root.querySelector('#call-add-batch').addEventListener('click', () => {
    const req = request();
    if (!req) return;
    pendingBatch.push(req);
    batchList.append(el('li', {}, `${req.func} ${JSON.stringify(req.args)}`));
  });
  root.querySelector('#call-send-batch').addEventListener('click', () => {
    if (pendingBatch.length === 0) return notices.error('The batch is empty: add calls to it first');
    const batch = pendingBatch;
    if (!connection.send(batch.map(dialect.call))) return;
    batch.forEach((req, i) => addRow(req, `batch ${batch[0].id} #${i}`));
    pendingBatch = [];
    batchList.replaceChildren();
  });
  root.querySelector('#call-raw-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (rawBox.value.trim() === '') return notices.error('The raw frame is empty');
    if (connection.send(rawBox.value)) notices.info(`sent raw: ${rawBox.value}`);
  });
  return connection;
}
