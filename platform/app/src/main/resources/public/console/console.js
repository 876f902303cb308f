// The agent console: the live queue, my tickets, closed tickets, and one conversation at a time with
// its transcript, reply box, ticket actions and history. Every call carries the bearer token of the
// TokenSource (auth.js); the queue and the open conversation update themselves from event streams.

import { ApiError, newKey, request } from '../assets/api.js';
import { age, el, enterSends, fill, show, when } from '../assets/dom.js';
import { openEventStream } from '../assets/sse.js';
import { Transcript, authorKind, authorName } from '../assets/transcript.js';
import { PastedTokenSource } from './auth.js';

const $ = (id) => document.getElementById(id);
const PAGE = 50;
const PENDING = 'PENDING_HUMAN_ASSIGNMENT';
const ACTIVE = 'ACTIVE_HUMAN_CHAT';
const CLOSED = ['CLOSED_RESOLVED', 'CLOSED_BY_CLIENT'];
const PRIORITY_RANK = { urgent: 3, high: 2, normal: 1, low: 0 };
const STATUS_TEXT = {
  OPEN_AI_HANDLING: 'With the assistant',
  PENDING_HUMAN_ASSIGNMENT: 'Waiting for an agent',
  ACTIVE_HUMAN_CHAT: 'With an agent',
  CLOSED_RESOLVED: 'Resolved',
  CLOSED_BY_CLIENT: 'Closed by the customer',
};
// the moves of the ticketing domain, so buttons are only offered where the server would accept them
const MOVES = {
  OPEN_AI_HANDLING: ['PENDING_HUMAN_ASSIGNMENT', 'CLOSED_RESOLVED', 'CLOSED_BY_CLIENT'],
  PENDING_HUMAN_ASSIGNMENT: ['ACTIVE_HUMAN_CHAT', 'CLOSED_BY_CLIENT'],
  ACTIVE_HUMAN_CHAT: ['PENDING_HUMAN_ASSIGNMENT', 'CLOSED_RESOLVED', 'CLOSED_BY_CLIENT'],
  CLOSED_RESOLVED: [],
  CLOSED_BY_CLIENT: [],
};
const VIEWS = {
  queue: { title: 'Queue', query: `status=${PENDING}&limit=200`, empty: 'Nobody is waiting. New tickets appear here by themselves.' },
  mine: { title: 'My tickets', query: `status=${ACTIVE}&assignee_id=me&limit=${PAGE}`, empty: 'You hold no ticket. Take one from the queue.' },
  closed: { title: 'Closed', query: `status=${CLOSED.join(',')}&limit=${PAGE}`, empty: 'No closed ticket yet.' },
};

const ui = {
  live: $('live'), whoami: $('whoami'), signOut: $('sign-out'),
  signin: $('signin'), signinForm: $('signin-form'), token: $('token'), signinError: $('signin-error'),
  workspace: $('workspace'), views: document.querySelectorAll('button.view'), queueCount: $('queue-count'),
  listTitle: $('list-title'), takeNext: $('take-next'), listStatus: $('list-status'), tickets: $('tickets'), more: $('more-tickets'),
  pane: $('ticket-pane'), title: $('ticket-title'), status: $('ticket-status'), facts: $('ticket-facts'),
  take: $('take'), release: $('release'), resolve: $('resolve'), priority: $('priority'), setPriority: $('set-priority'),
  ticketError: $('ticket-error'), earlier: $('earlier'), transcript: $('transcript'),
  replyForm: $('reply-form'), reply: $('reply'), sendReply: $('send-reply'), replyHint: $('reply-hint'),
  history: $('history'),
};

const auth = new PastedTokenSource();

const state = {
  signedIn: false,
  me: null, // my user id, learnt from tickets assigned to me (assignee_id is a user id, not the token's sub)
  tickets: new Map(), // every ticket seen, newest version wins
  view: 'queue',
  lists: { mine: [], closed: [] },
  cursors: { mine: null, closed: null },
  queueStream: null,
  open: null, // {id, conversationId, stream, transcript, cursor, pendingReply}
};

// ---- calls with the token; a refused token ends the session with a clear message

function refusal(error) {
  if (error.status === 401) {
    return 'The service did not accept this token: it is malformed, expired or signed with another secret. '
      + 'Mint a new one (./parley token --sub <you> --roles agent) and sign in again.';
  }
  return 'This token is valid but belongs to neither an agent nor an admin: the console needs the agent or admin role.';
}

async function api(method, path, options = {}) {
  try {
    return await request(method, path, { ...options, token: await auth.token() });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || (error.status === 403 && path.startsWith('/api/v1/tickets?')))) {
      signOut(refusal(error));
    }
    throw error;
  }
}

// ---- tickets in memory

function remember(ticket) {
  if (!ticket || !ticket.id) return null;
  const known = state.tickets.get(ticket.id);
  if (known && known.version > ticket.version) return known;
  state.tickets.set(ticket.id, ticket);
  return ticket;
}

function queue() {
  return [...state.tickets.values()]
    .filter((t) => t.status === PENDING)
    .sort((a, b) => (PRIORITY_RANK[b.priority] - PRIORITY_RANK[a.priority]) || a.opened_at.localeCompare(b.opened_at) || a.id.localeCompare(b.id));
}

// ---- the list pane

function ticketItem(ticket) {
  const selected = state.open && state.open.id === ticket.id;
  return el('li', { dataset: { ticketId: ticket.id, ticketNumber: ticket.number, status: ticket.status } },
    el('button', { type: 'button', class: 'ticket', 'aria-current': selected ? 'true' : null, onclick: () => navigateTo(ticket.id) },
      el('span', { class: 'ticket-line' },
        el('strong', { class: 'ticket-number', text: ticket.number }),
        el('span', { class: `badge priority-${ticket.priority}`, text: ticket.priority }),
        el('span', { class: 'ticket-age', dataset: { openedAt: ticket.opened_at }, text: age(ticket.opened_at) }),
        state.view !== 'queue' ? el('span', { class: 'ticket-state', text: STATUS_TEXT[ticket.status] || ticket.status }) : null),
      el('span', { class: 'ticket-reason', text: ticket.escalation_reason || 'No reason given' }),
      el('span', { class: 'ticket-summary', text: ticket.initial_summary || '' })));
}

function renderList() {
  // the lists hold what the server listed; each shows the newest version heard of since
  const items = state.view === 'queue' ? queue() : state.lists[state.view].map((t) => state.tickets.get(t.id) || t);
  fill(ui.tickets, items.map(ticketItem));
  ui.listStatus.textContent = items.length ? '' : VIEWS[state.view].empty;
  const waiting = queue().length;
  ui.queueCount.textContent = `(${waiting})`;
  ui.queueCount.dataset.count = String(waiting);
  // the tab's title shows who is waiting, for an agent working in another tab
  document.title = waiting ? `(${waiting}) Parley console` : 'Parley console';
  show(ui.more, state.view !== 'queue' && Boolean(state.cursors[state.view]));
}

async function loadView(view, more = false) {
  const spec = VIEWS[view];
  const cursor = more ? `&cursor=${encodeURIComponent(state.cursors[view])}` : '';
  const page = await api('GET', `/api/v1/tickets?${spec.query}${cursor}`);
  const items = page.items.map(remember);
  if (view === 'queue') {
    // a ticket the server no longer lists as waiting has moved on, whatever we last heard
    const listed = new Set(items.map((t) => t.id));
    for (const t of state.tickets.values()) if (t.status === PENDING && !listed.has(t.id)) state.tickets.delete(t.id);
  } else {
    state.lists[view] = more ? state.lists[view].concat(items) : items;
    state.cursors[view] = page.next_cursor;
    if (view === 'mine' && items.length && items[0].assignee_id) state.me = items[0].assignee_id;
  }
  if (view === state.view || view === 'queue') renderList();
}

function selectView(view, reload = true) {
  state.view = view;
  for (const button of ui.views) button.setAttribute('aria-pressed', String(button.dataset.view === view));
  ui.listTitle.textContent = VIEWS[view].title;
  renderList();
  if (reload) loadView(view).catch(reportListError);
}

function reportListError(error) {
  ui.listStatus.textContent = `The list could not be loaded: ${error.message}`;
}

let refreshTimer = null;
function refreshSoon() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(() => {
    if (state.view !== 'queue') loadView(state.view).catch(reportListError);
  }, 300);
}

function setLive(name) {
  ui.live.dataset.state = name;
  ui.live.textContent = { open: 'Live', connecting: 'Connecting…', retrying: 'Reconnecting…', closed: 'Not live' }[name] ?? '';
}

function openQueueStream() {
  if (state.queueStream) state.queueStream.close();
  state.queueStream = openEventStream('/api/v1/tickets/events', {
    headers: async () => ({ Authorization: `Bearer ${await auth.token()}` }),
    onState: setLive,
    onOpen: ({ resumed }) => {
      if (!resumed) loadView('queue').catch(reportListError);
    },
    onEvent: (event) => {
      if (event.type !== 'ticket.updated') return;
      let ticket;
      try {
        ticket = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      ticketChanged(ticket);
    },
    onFatal: ({ status }) => {
      if (status === 401 || status === 403) signOut(refusal({ status }));
      else ui.listStatus.textContent = `Live updates are not available (the service answered ${status}).`;
    },
  });
}

function ticketChanged(ticket) {
  const current = remember(ticket);
  if (current !== ticket) return; // an older version than what is on screen
  renderList();
  refreshSoon();
  if (state.open && state.open.id === ticket.id) {
    renderTicket(ticket);
    loadHistory().catch(() => {});
  }
}

// ---- one ticket and its conversation

function fact(name, value) {
  return [el('dt', { text: name }), el('dd', { text: value })];
}

function assigneeText(ticket) {
  if (!ticket.assignee_id) return 'nobody';
  return state.me && ticket.assignee_id === state.me ? 'you' : 'another agent';
}

function renderTicket(ticket) {
  ui.title.textContent = `Ticket ${ticket.number}`;
  ui.status.textContent = STATUS_TEXT[ticket.status] || ticket.status;
  ui.status.dataset.status = ticket.status;
  ui.pane.dataset.ticketId = ticket.id;
  ui.pane.dataset.status = ticket.status;
  fill(ui.facts,
    fact('Priority', ticket.priority),
    fact('Assigned to', assigneeText(ticket)),
    fact('Waiting since', `${when(ticket.opened_at)} (${age(ticket.opened_at)})`),
    fact('Escalation reason', ticket.escalation_reason || '—'),
    fact('Customer’s first question', ticket.initial_summary || '—'),
    ticket.closed_at ? fact('Closed', when(ticket.closed_at)) : null);
  const moves = MOVES[ticket.status] || [];
  ui.take.disabled = false;
  ui.release.disabled = false;
  ui.resolve.disabled = false;
  show(ui.take, moves.includes(ACTIVE));
  show(ui.release, ticket.status === ACTIVE);
  show(ui.resolve, moves.includes('CLOSED_RESOLVED'));
  const closed = CLOSED.includes(ticket.status);
  ui.priority.value = ticket.priority;
  ui.priority.disabled = closed;
  ui.setPriority.disabled = closed;
  const canReply = ticket.status === ACTIVE && Boolean(ticket.conversation_id);
  ui.reply.disabled = !canReply;
  ui.sendReply.disabled = !canReply;
  ui.replyHint.textContent = canReply ? 'Enter sends, Shift+Enter starts a new line. The customer sees your reply at once.'
    : closed ? 'This ticket is closed.' : 'Take the ticket to reply.';
  for (const item of ui.tickets.children) {
    const button = item.querySelector('button');
    if (button) button.setAttribute('aria-current', String(item.dataset.ticketId === ticket.id));
  }
}

const LABELS = {
  customer: () => 'Customer',
  assistant: () => 'AI assistant',
  system: () => 'System',
  agent: (m) => {
    const name = authorName(m);
    const admin = m.metadata.author.startsWith('admin:');
    return name ? `${admin ? 'Admin' : 'Agent'} ${name}` : 'Agent';
  },
};

async function loadMessages(more = false) {
  const open = state.open;
  const cursor = more ? `&cursor=${encodeURIComponent(open.cursor)}` : '';
  const page = await api('GET', `/api/v1/conversations/${open.conversationId}/messages?order=desc&limit=${PAGE}${cursor}`);
  if (state.open !== open) return;
  const height = ui.transcript.scrollHeight;
  const nearEnd = ui.transcript.scrollHeight - ui.transcript.scrollTop - ui.transcript.clientHeight < 80;
  open.transcript.add(page.items);
  if (more || open.cursor === undefined) {
    open.cursor = page.next_cursor;
    show(ui.earlier, Boolean(page.next_cursor));
  }
  if (more) ui.transcript.scrollTop += ui.transcript.scrollHeight - height;
  else if (nearEnd) ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

async function loadHistory() {
  const open = state.open;
  const history = await api('GET', `/api/v1/tickets/${open.id}/history`);
  if (state.open !== open) return;
  fill(ui.history, history.items.map((h) => el('li', {},
    el('time', { datetime: h.at, text: when(h.at) }), ' ',
    h.from ? `${STATUS_TEXT[h.from] || h.from} → ` : 'Opened: ',
    STATUS_TEXT[h.to] || h.to,
    h.actor ? ` · by ${h.actor}` : '',
    h.reason ? ` · “${h.reason}”` : '')));
}

function closeTicketPane() {
  if (state.open && state.open.stream) state.open.stream.close();
  state.open = null;
  show(ui.pane, false);
}

async function openTicket(id) {
  closeTicketPane();
  ui.ticketError.textContent = '';
  let ticket;
  try {
    ticket = remember(await api('GET', `/api/v1/tickets/${encodeURIComponent(id)}`));
  } catch (error) {
    ui.listStatus.textContent = `Ticket not opened: ${error.message}`;
    return;
  }
  const open = {
    id: ticket.id,
    conversationId: ticket.conversation_id,
    transcript: new Transcript(ui.transcript, { label: (m) => LABELS[authorKind(m)](m), details: true }),
    cursor: undefined,
    stream: null,
    pendingReply: null,
  };
  state.open = open;
  open.transcript.clear();
  show(ui.earlier, false);
  fill(ui.history);
  ui.reply.value = '';
  renderTicket(ticket);
  show(ui.pane, true);
  ui.title.focus();
  loadHistory().catch(() => {});
  if (!open.conversationId) return;
  await loadMessages().catch((error) => { ui.ticketError.textContent = `Messages not loaded: ${error.message}`; });
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
  open.stream = openEventStream(`/api/v1/conversations/${open.conversationId}/events`, {
    headers: async () => ({ Authorization: `Bearer ${await auth.token()}` }),
    onState: (name) => { if (state.open === open) ui.pane.dataset.live = name; },
    onOpen: ({ resumed }) => {
      if (!resumed) loadMessages().catch(() => {});
    },
    onEvent: (event) => {
      if (state.open !== open) return;
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (event.type === 'message.created') {
        const nearEnd = ui.transcript.scrollHeight - ui.transcript.scrollTop - ui.transcript.clientHeight < 80;
        open.transcript.add([data]);
        if (nearEnd) ui.transcript.scrollTop = ui.transcript.scrollHeight;
      } else if (event.type === 'ticket.updated') {
        ticketChanged(data);
      }
    },
    onFatal: ({ status }) => {
      if (status === 401) signOut(refusal({ status }));
      else if (state.open === open) ui.ticketError.textContent = `Live messages are not available (the service answered ${status}).`;
    },
  });
}

function currentTicket() {
  return state.open ? state.tickets.get(state.open.id) : null;
}

async function act(button, action) {
  const ticket = currentTicket();
  if (!ticket) return;
  ui.ticketError.textContent = '';
  button.disabled = true;
  try {
    const changed = await action(ticket);
    if (changed) ticketChanged(changed);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      ui.ticketError.textContent = 'The ticket changed meanwhile (another agent may have taken it); it has been reloaded.';
      ticketChanged(await api('GET', `/api/v1/tickets/${ticket.id}`).catch(() => ticket));
    } else {
      ui.ticketError.textContent = error.message;
    }
  } finally {
    const now = currentTicket();
    if (now) renderTicket(now);
    // the button may be gone (Take once taken): keep the keyboard in the ticket
    if (button.hidden || button.disabled) (ui.reply.disabled ? ui.title : ui.reply).focus();
  }
}

function move(to) {
  return (ticket) => api('POST', `/api/v1/tickets/${ticket.id}/transitions`, { body: { to, version: ticket.version } });
}

async function takeNext() {
  ui.takeNext.disabled = true;
  ui.listStatus.textContent = '';
  try {
    const ticket = await api('POST', '/api/v1/tickets/claim');
    if (!ticket) {
      ui.listStatus.textContent = 'The queue is empty.';
      return;
    }
    state.me = ticket.assignee_id;
    ticketChanged(ticket);
    navigateTo(ticket.id);
  } catch (error) {
    ui.listStatus.textContent = `No ticket taken: ${error.message}`;
  } finally {
    ui.takeNext.disabled = false;
  }
}

async function sendReply() {
  const open = state.open;
  const text = ui.reply.value.trim();
  if (!open || !text) return;
  if (!open.pendingReply || open.pendingReply.text !== text) open.pendingReply = { text, key: newKey() };
  ui.sendReply.disabled = true;
  ui.ticketError.textContent = '';
  try {
    const message = await api('POST', `/api/v1/conversations/${open.conversationId}/messages`,
      { body: { role: 'assistant', content: text }, idempotencyKey: open.pendingReply.key });
    open.pendingReply = null;
    if (state.open === open) {
      open.transcript.add([message]);
      ui.transcript.scrollTop = ui.transcript.scrollHeight;
      ui.reply.value = '';
    }
  } catch (error) {
    ui.ticketError.textContent = `Your reply was not sent: ${error.message}`;
  } finally {
    const now = currentTicket();
    if (now) renderTicket(now);
    ui.reply.focus();
  }
}

// ---- navigation: #ticket=<id> opens a ticket, so a reload or the back button keeps the place

function navigateTo(id) {
  if (location.hash === `#ticket=${id}`) openTicket(id);
  else location.hash = `ticket=${id}`;
}

function followHash() {
  const match = /^#ticket=([0-9a-fA-F-]{36})$/.exec(location.hash);
  if (match) openTicket(match[1]);
  else closeTicketPane();
}

// ---- signing in and out

function showSignIn(message) {
  show(ui.workspace, false);
  show(ui.signOut, false);
  show(ui.signin, true);
  ui.whoami.textContent = '';
  ui.signinError.textContent = message || '';
  ui.token.value = '';
  ui.token.focus();
}

function signOut(message) {
  state.signedIn = false;
  auth.signOut();
  if (state.queueStream) state.queueStream.close();
  state.queueStream = null;
  closeTicketPane();
  state.tickets.clear();
  state.lists = { mine: [], closed: [] };
  state.cursors = { mine: null, closed: null };
  state.me = null;
  document.title = 'Parley console';
  fill(ui.tickets);
  setLive('idle');
  showSignIn(message);
}

async function enter() {
  // one call proves the token and the role: 401 for a bad token, 403 for a customer's or the service's
  try {
    await loadView('queue');
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      signOut(refusal(error));
    } else {
      showSignIn(`Signed out: ${error.message}`);
    }
    return;
  }
  state.signedIn = true;
  const claims = auth.claims();
  ui.whoami.textContent = claims && claims.sub ? `Signed in as ${claims.sub}` : 'Signed in';
  show(ui.signin, false);
  show(ui.signOut, true);
  show(ui.workspace, true);
  // the queue was just read; the stream's first connection reads it once more (what changed in between)
  selectView(state.view, state.view !== 'queue');
  if (state.view !== 'mine') loadView('mine').catch(() => {});
  openQueueStream();
  followHash();
}

ui.signinForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  ui.signinError.textContent = '';
  try {
    await auth.signIn(ui.token.value);
  } catch (error) {
    ui.signinError.textContent = error.message;
    return;
  }
  ui.token.value = '';
  await enter();
  if (state.signedIn) ui.listTitle.focus(); // the form is gone: the keyboard continues at the queue
});

ui.signOut.addEventListener('click', () => signOut('Signed out.'));
for (const button of ui.views) button.addEventListener('click', () => selectView(button.dataset.view));
ui.more.addEventListener('click', () => loadView(state.view, true).catch(reportListError));
ui.takeNext.addEventListener('click', takeNext);
ui.take.addEventListener('click', () => act(ui.take, async (ticket) => {
  const taken = await move(ACTIVE)(ticket);
  state.me = taken.assignee_id;
  return taken;
}));
ui.release.addEventListener('click', () => act(ui.release, move(PENDING)));
ui.resolve.addEventListener('click', () => act(ui.resolve, move('CLOSED_RESOLVED')));
ui.setPriority.addEventListener('click', () => act(ui.setPriority, (ticket) => (ui.priority.value === ticket.priority ? null
  : api('PATCH', `/api/v1/tickets/${ticket.id}`, { body: { priority: ui.priority.value, version: ticket.version } }))));
ui.earlier.addEventListener('click', () => loadMessages(true).catch((error) => { ui.ticketError.textContent = error.message; }));
ui.replyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  sendReply();
});
enterSends(ui.reply, ui.replyForm);
window.addEventListener('hashchange', () => { if (state.signedIn) followHash(); });
// ages in the list move on by themselves
setInterval(() => {
  for (const node of ui.tickets.querySelectorAll('.ticket-age')) node.textContent = age(node.dataset.openedAt);
}, 30000);

auth.token().then((token) => (token ? enter() : showSignIn()));
document.documentElement.dataset.ready = 'true';
