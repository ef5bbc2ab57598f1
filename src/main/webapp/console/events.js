// Events panel (/events): chat with the agent and a live feed of every bus event, filtered by type.
// After a reconnect it subscribes again from the last offset it saw (with that offset's epoch), and skips
// what it already has; a ReplayGapEvent says what the server could not replay.
import { Connection } from './connection.js';
import { el, appendCapped, describeError, parseJson, Notices } from './dom.js';

const FEED_CAP = 1000;
const CHAT_CAP = 300;
const TYPES = ['InboundEvent', 'OutboundEvent', 'RunEvent', 'NeuroEvent'];

export function eventsPanel(root) {
  const notices = new Notices(root.querySelector('[data-role=notices]'));
  const feed = root.querySelector('[data-role=feed]');
  const chat = root.querySelector('[data-role=chat]');
  const messageInput = root.querySelector('#chat-message');
  const sourceInput = root.querySelector('#chat-source');
  const filters = root.querySelector('[data-role=filters]');
  let lastOffset = -1;
  let epoch = null; // offsets count within an epoch: a new one (a restart lost the history) numbers from 0 again

  const connection = new Connection('events', 'events', {
    onOpen: (_, reconnect) => {
      if (reconnect && lastOffset >= 0) connection.send({ type: 'subscribe', after_offset: lastOffset, epoch });
    },
    onMessage: receive,
    onError: (text) => notices.error(text),
  });

  for (const type of TYPES) {
    const id = `filter-${type}`;
    filters.append(el('span', { class: 'filter' },
      el('input', { type: 'checkbox', id, checked: true, 'data-type': type, onchange: applyFilters }),
      el('label', { for: id }, type)));
  }

  function applyFilters() {
    const hidden = [...filters.querySelectorAll('input:not(:checked)')].map((i) => i.dataset.type);
    feed.dataset.hide = hidden.join(' ');
    for (const type of TYPES) feed.classList.toggle(`hide-${type}`, hidden.includes(type));
  }

  function summary(event) {
    switch (event.type) {
      case 'InboundEvent':
      case 'OutboundEvent':
        return `${event.source}: ${event.error ? 'error: ' + event.error : event.content}`;
      case 'RunEvent':
        return `${event.run_id} #${event.seq} ${event.event_type}`;
      case 'NeuroEvent':
        return `${event.game ?? `connection ${event.connection_id} (no game yet)`} ${event.kind}: ${event.detail?.message ?? ''}`;
      default:
        return JSON.stringify(event);
    }
  }

  function receive(text) {
    const parsed = parseJson(text);
    if (parsed.error) return notices.error(`events: unreadable frame: ${text}`);
    const event = parsed.value;
    if (event.type === 'ErrorEvent') return notices.error(`events: ${describeError(event)}`);
    if (event.type === 'ReplayGapEvent') return replayGap(event);
    if (typeof event.offset !== 'number') return notices.info(`events: ${text}`);
    if (event.epoch !== epoch) {
      epoch = event.epoch;
      lastOffset = -1;
    }
    if (event.offset <= lastOffset) return; // a replay overlapping what arrived live
    lastOffset = event.offset;
    appendCapped(feed, el('li', { class: `ev-${event.type}`, 'data-offset': event.offset, 'data-type': event.type },
      el('span', { class: 'offset' }, event.offset), ' ', el('strong', {}, event.type), ' ',
      el('span', { class: 'mono' }, summary(event))), FEED_CAP);
    if (event.type === 'InboundEvent' || event.type === 'OutboundEvent') {
      const mine = event.type === 'InboundEvent';
      appendCapped(chat, el('li', { class: mine ? 'inbound' : 'outbound', 'data-offset': event.offset, 'data-type': event.type },
        el('span', { class: 'who' }, event.source), ' ',
        el('span', { class: 'content' }, event.error ? `(error: ${event.error})` : event.content)), CHAT_CAP);
    }
  }

  function replayGap(gap) {
    const why = { epoch_changed: 'the server lost its history (restart)', too_old: 'they are no longer kept',
      unknown_offset: 'the server never gave that offset' }[gap.reason] ?? gap.reason;
    notices.info(`events: events after ${gap.after_offset} could not be replayed (${why}); from ${gap.oldest_offset} on they follow`);
    if (gap.epoch !== epoch) {
      epoch = gap.epoch;
      lastOffset = -1;
    }
  }

  root.querySelector('#chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const content = messageInput.value;
    if (content.trim() === '') return notices.error('Type a message first');
    const message = { content };
    if (sourceInput.value.trim()) message.source = sourceInput.value.trim();
    if (connection.send(message)) messageInput.value = '';
  });
  return connection;
}
