// One WebSocket endpoint: connects, reconnects with backoff, shows its state, appends the access token.
import { el } from './dom.js';

const TOKEN_KEY = 'access_token';
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 10000;

export function accessToken() {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function setAccessToken(token) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** ws(s):// URL of an endpoint path relative to this page (so it works under any context root). */
export function endpointUrl(path) {
  const url = new URL(path, document.baseURI);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const token = accessToken();
  if (token) url.searchParams.set('access_token', token);
  return url.href;
}

export class Connection {
  /**
   * @param name shown in the indicator ("calls")
   * @param path endpoint path relative to the page ("ws")
   * @param handlers onOpen(connection, isReconnect), onMessage(text), onError(text)
   */
  constructor(name, path, handlers) {
    this.name = name;
    this.path = path;
    this.handlers = handlers;
    this.socket = null;
    this.opens = 0;
    this.failures = 0;
    this.timer = null;
    this.indicator = el('button', {
      type: 'button', class: 'conn', 'data-endpoint': name, 'data-state': 'connecting',
      title: 'Click to disconnect this endpoint, and again to connect it', onclick: () => this.togglePause(),
    }, el('span', { class: 'dot', 'aria-hidden': 'true' }), el('span', { class: 'label' }));
    this.show('connecting', 'connecting…');
  }

  connect() {
    clearTimeout(this.timer);
    this.show('connecting', 'connecting…');
    let socket;
    try {
      socket = new WebSocket(endpointUrl(this.path));
    } catch (e) {
      this.handlers.onError?.(`${this.name}: cannot connect: ${e.message}`);
      this.retry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.failures = 0;
      this.opens += 1;
      this.indicator.dataset.opens = String(this.opens);
      this.show('open', 'connected');
      this.handlers.onOpen?.(this, this.opens > 1);
    };
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') this.handlers.onMessage(event.data);
      else this.handlers.onError?.(`${this.name}: unexpected binary frame ignored`);
    };
    socket.onclose = (event) => {
      if (socket !== this.socket) return;
      this.socket = null;
      const why = `closed ${event.code}${event.reason ? ' ' + event.reason : ''}`;
      if (event.code !== 1000 && event.code !== 4000) this.handlers.onError?.(`${this.name}: connection ${why}`);
      this.retry(why);
    };
  }

  retry(why = '') {
    const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** this.failures);
    this.failures += 1;
    this.show('closed', `${why ? why + ', ' : ''}retrying in ${(delay / 1000).toFixed(1)} s`);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  /** Drops the connection (as a network failure would) and connects again at once. */
  reconnectNow() {
    const socket = this.socket;
    this.socket = null;
    socket?.close(4000, 'reconnect from the console');
    this.failures = 0;
    this.connect();
  }

  /** Connects to another endpoint path instead of this one. */
  switchTo(path) {
    this.path = path;
    this.reconnectNow();
  }

  /** Disconnects and stays so until clicked again (to watch a reconnect catch up); connects when paused. */
  togglePause() {
    if (this.indicator.dataset.state === 'paused') {
      this.failures = 0;
      this.connect();
      return;
    }
    clearTimeout(this.timer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(4000, 'paused from the console');
    this.show('paused', 'paused (click to connect)');
  }

  get open() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends an object as JSON (or a string as is); false, with an error shown, when not connected. */
  send(message) {
    if (!this.open) {
      this.handlers.onError?.(`${this.name}: not connected, nothing sent`);
      return false;
    }
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    return true;
  }

  show(state, text) {
    this.indicator.dataset.state = state;
    this.indicator.querySelector('.label').textContent = `${this.name}: ${text}`;
  }
}
