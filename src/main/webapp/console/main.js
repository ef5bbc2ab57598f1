// Wires the four panels, the tabs, the connection indicators and the access token field.
import { accessToken, setAccessToken } from './connection.js';
import { callsPanel } from './calls.js';
import { runsPanel } from './runs.js';
import { eventsPanel } from './events.js';
import { neuroPanel } from './neuro.js';

const tabs = [...document.querySelectorAll('[role=tab]')];
const neuroTab = document.querySelector('#tab-neuro');
const badge = neuroTab.querySelector('.attention-badge');
let pendingAttention = 0;

function select(tab) {
  for (const t of tabs) {
    const chosen = t === tab;
    t.setAttribute('aria-selected', String(chosen));
    t.tabIndex = chosen ? 0 : -1;
    document.getElementById(t.getAttribute('aria-controls')).hidden = !chosen;
  }
  if (tab === neuroTab) {
    pendingAttention = 0;
    badge.hidden = true;
    document.title = 'Switchboard';
  }
  history.replaceState(null, '', `#${tab.id.slice(4)}`);
}

tabs.forEach((tab, i) => {
  tab.addEventListener('click', () => select(tab));
  tab.addEventListener('keydown', (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(i + step + tabs.length) % tabs.length];
    next.focus();
    select(next);
  });
});

const connections = [
  callsPanel(document.getElementById('panel-calls')),
  runsPanel(document.getElementById('panel-runs')),
  eventsPanel(document.getElementById('panel-events')),
  neuroPanel(document.getElementById('panel-neuro'), {
    onAttention() {
      if (neuroTab.getAttribute('aria-selected') === 'true') return;
      pendingAttention += 1;
      badge.textContent = String(pendingAttention);
      badge.hidden = false;
      document.title = `(${pendingAttention}) Switchboard`;
    },
  }),
];
const indicators = document.getElementById('connections');
for (const connection of connections) {
  indicators.append(connection.indicator);
  connection.connect();
}

const tokenForm = document.getElementById('token-form');
const tokenInput = document.getElementById('access-token');
tokenInput.value = accessToken();
tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  setAccessToken(tokenInput.value.trim());
  connections.forEach((c) => c.reconnectNow());
});

function tabOfHash() {
  return tabs.find((t) => `#${t.id.slice(4)}` === location.hash);
}
window.addEventListener('hashchange', () => tabOfHash() && select(tabOfHash()));
select(tabOfHash() ?? tabs[0]);
