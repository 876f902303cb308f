// The customer's chat page: a guest conversation whose session_id (the guest's key to it) stays in
// localStorage, so a reload continues it. Answers come back from POST /api/v1/chat; what a person of
// the support team writes, and every change of the ticket, arrives live on the session's event stream.

import { ApiError, newKey, request } from '../assets/api.js';
import { enterSends, show } from '../assets/dom.js';
import { openEventStream } from '../assets/sse.js';
import { Transcript, authorKind } from '../assets/transcript.js';

const SESSION_KEY = 'parley.chat.session';
const PAGE = 50;
const $ = (id) => document.getElementById(id);

const ui = {
  live: $('live'),
  newChat: $('new-chat'),
  intro: $('intro'),
  earlier: $('earlier'),
  messages: $('messages'),
  handoff: $('handoff'),
  handoffText: $('handoff-text'),
  closeTicket: $('close-ticket'),
  composer: $('composer'),
  message: $('message'),
  send: $('send'),
  composerError: $('composer-error'),
  feedbackBox: $('feedback-box'),
  feedback: $('feedback'),
  comment: $('comment'),
  sendFeedback: $('send-feedback'),
  feedbackStatus: $('feedback-status'),
};

/** localStorage, or memory where the browser refuses it (a framed page with storage blocked). */
const store = (() => {
  let memory = null;
  try {
    const s = window.localStorage;
    s.getItem(SESSION_KEY);
    return { get: () => s.getItem(SESSION_KEY), set: (v) => s.setItem(SESSION_KEY, v), clear: () => s.removeItem(SESSION_KEY) };
  } catch (error) {
    return { get: () => memory, set: (v) => { memory = v; }, clear: () => { memory = null; } };
  }
})();

const LABELS = { customer: 'You', agent: 'Support agent', assistant: 'Assistant', system: 'Notice' };
const transcript = new Transcript(ui.messages, { label: (m) => LABELS[authorKind(m)] });

const state = {
  session: null,
  conversation: null,
  ticket: null,
  handoff: null,
  stream: null,
  cursor: null,
  pending: null, // {text, key}: a send that has not been answered, retried with the same Idempotency-Key
  ended: false,
};

function sessionPath(suffix = '') {
  return `/api/v1/sessions/${encodeURIComponent(state.session)}${suffix}`;
}

function scrollToEnd() {
  ui.messages.scrollTop = ui.messages.scrollHeight;
}

function addMessages(messages) {
  const nearEnd = ui.messages.scrollHeight - ui.messages.scrollTop - ui.messages.clientHeight < 80;
  const added = transcript.add(messages);
  if (added.length) {
    show(ui.intro, false);
    if (nearEnd || added.some((m) => m.role === 'user')) scrollToEnd();
  }
  return added;
}

// ---- the ticket and the handoff, as the customer sees them

function describeTicket() {
  const t = state.ticket;
  const h = state.handoff;
  const number = t ? t.number : h && h.ticket_number;
  const suffix = number ? ` (ticket ${number})` : '';
  if (t) {
    switch (t.status) {
      case 'PENDING_HUMAN_ASSIGNMENT': return `A person from our support team will reply here${suffix}. You can keep writing meanwhile.`;
      case 'ACTIVE_HUMAN_CHAT': return `A person from our support team has joined the conversation${suffix}.`;
      case 'CLOSED_RESOLVED': return `Our support team marked your request as resolved${suffix}. Tell us how we did below.`;
      case 'CLOSED_BY_CLIENT': return `You closed your request${suffix}. Tell us how we did below.`;
      default: break;
    }
  }
  if (h && h.recommended) {
    if (h.status === 'failed') return 'We could not reach our support team just now. Please ask again in a moment.';
    if (h.status === 'resolved') return `Your request was resolved${suffix}.`;
    if (h.status === 'created') return `Your request reached our support team${suffix}. They will get back to you.`;
    return `A person from our support team will reply here${suffix}.`;
  }
  return null;
}

function renderTicket() {
  const text = describeTicket();
  show(ui.handoff, text !== null);
  ui.handoffText.textContent = text || '';
  const t = state.ticket;
  ui.handoff.dataset.status = t ? t.status : (state.handoff ? `handoff-${state.handoff.status}` : '');
  ui.handoff.dataset.ticketNumber = t ? t.number : (state.handoff && state.handoff.ticket_number) || '';
  const open = t && (t.status === 'PENDING_HUMAN_ASSIGNMENT' || t.status === 'ACTIVE_HUMAN_CHAT');
  show(ui.closeTicket, Boolean(open));
  if (t && t.status.startsWith('CLOSED_')) ui.feedbackBox.open = true;
}

async function loadTicket() {
  if (!state.session) return;
  try {
    state.ticket = await request('GET', sessionPath('/ticket'));
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 404) throw error;
    state.ticket = null;
  }
  renderTicket();
}

function applyTicket(ticket) {
  if (!ticket || (state.ticket && state.ticket.id === ticket.id && state.ticket.version > ticket.version)) return;
  state.ticket = ticket;
  renderTicket();
}

// ---- the conversation

function endConversation(text) {
  state.ended = true;
  ui.message.disabled = true;
  ui.send.disabled = true;
  ui.composerError.textContent = text;
}

function applyConversation(conversation) {
  state.conversation = conversation;
  if (conversation.status === 'closed') {
    endConversation('This conversation has ended. Choose “New conversation” to ask something else.');
    ui.feedbackBox.open = true;
  }
}

async function loadLatest() {
  const page = await request('GET', sessionPath(`/messages?order=desc&limit=${PAGE}`));
  addMessages(page.items);
  if (state.cursor === null) {
    state.cursor = page.next_cursor;
    show(ui.earlier, Boolean(page.next_cursor));
  }
}

async function loadEarlier() {
  if (!state.cursor) return;
  const height = ui.messages.scrollHeight;
  const page = await request('GET', sessionPath(`/messages?order=desc&limit=${PAGE}&cursor=${encodeURIComponent(state.cursor)}`));
  addMessages(page.items);
  state.cursor = page.next_cursor;
  show(ui.earlier, Boolean(page.next_cursor));
  ui.messages.scrollTop += ui.messages.scrollHeight - height;
}

function setLive(name) {
  ui.live.dataset.state = name;
  ui.live.textContent = { open: 'Live', connecting: 'Connecting…', retrying: 'Reconnecting…', closed: '' }[name] ?? '';
}

function openStream() {
  if (state.stream) state.stream.close();
  state.stream = openEventStream(sessionPath('/events'), {
    onState: setLive,
    onOpen: ({ resumed }) => {
      // the stream starts at "now": fetch what may have happened before it (duplicates are dropped)
      if (!resumed) Promise.all([loadLatest(), loadTicket()]).catch(() => {});
    },
    onEvent: (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      if (event.type === 'message.created') addMessages([data]);
      else if (event.type === 'ticket.updated') applyTicket(data);
      else if (event.type === 'conversation.updated') applyConversation(data);
    },
    onFatal: ({ status }) => {
      setLive('closed');
      if (status !== 404) return;
      // the conversation was erased, or this service has no live events: only the first forgets the session
      request('GET', sessionPath()).catch((error) => {
        if (error instanceof ApiError && error.status === 404) forget('This conversation is no longer available. You can start a new one.');
      });
    },
  });
}

function forget(text) {
  if (state.stream) state.stream.close();
  store.clear();
  Object.assign(state, { session: null, conversation: null, ticket: null, handoff: null, stream: null, cursor: null, pending: null, ended: false });
  transcript.clear();
  show(ui.intro, true);
  show(ui.earlier, false);
  setLive('closed');
  ui.message.disabled = false;
  ui.send.disabled = false;
  ui.composerError.textContent = text || '';
  ui.feedbackStatus.textContent = '';
  ui.feedback.reset();
  ui.feedbackBox.open = false;
  renderTicket();
}

async function resume(session) {
  state.session = session;
  try {
    applyConversation(await request('GET', sessionPath()));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      forget();
      return;
    }
    ui.composerError.textContent = error.message;
    return;
  }
  await Promise.all([loadLatest(), loadTicket()]);
  scrollToEnd();
  openStream();
}

function locale() {
  const tag = navigator.language || '';
  return /^[a-z]{2,3}(-[A-Z]{2})?$/.test(tag) ? tag : undefined;
}

async function send(text) {
  if (!state.pending || state.pending.text !== text) state.pending = { text, key: newKey() };
  const body = { message: text };
  if (state.session) body.session_id = state.session;
  else Object.assign(body, { channel: 'web', locale: locale() });
  const turn = await request('POST', '/api/v1/chat', { body, idempotencyKey: state.pending.key });
  state.pending = null;
  if (!state.session) {
    state.session = turn.session_id;
    store.set(turn.session_id);
    state.cursor = null;
    openStream();
  }
  addMessages([turn.message]);
  if (turn.reply) {
    addMessages([{ ...turn.reply, metadata: { sources: turn.reply.sources || [] } }]);
  }
  if (turn.handoff) {
    state.handoff = turn.handoff;
    renderTicket();
    await loadTicket();
  }
}

// ---- wiring

enterSends(ui.message, ui.composer);

ui.composer.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = ui.message.value.trim();
  if (!text || state.ended) {
    if (!text) ui.composerError.textContent = 'Write a message first.';
    ui.message.focus();
    return;
  }
  ui.composerError.textContent = '';
  ui.send.disabled = true;
  ui.send.textContent = 'Sending…';
  ui.message.setAttribute('aria-busy', 'true');
  try {
    await send(text);
    ui.message.value = '';
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      endConversation('This conversation has ended. Choose “New conversation” to ask something else.');
    } else if (error instanceof ApiError && error.status === 404) {
      forget('This conversation is no longer available. Send your message again to start a new one.');
    } else {
      ui.composerError.textContent = `Your message was not sent: ${error.message}`;
    }
  } finally {
    ui.send.textContent = 'Send';
    ui.message.removeAttribute('aria-busy');
    if (!state.ended) ui.send.disabled = false;
    ui.message.focus();
  }
});

ui.earlier.addEventListener('click', () => {
  loadEarlier().catch((error) => { ui.composerError.textContent = error.message; });
});

ui.closeTicket.addEventListener('click', async () => {
  ui.closeTicket.disabled = true;
  try {
    applyTicket(await request('POST', sessionPath('/ticket/transitions'), { body: { to: 'CLOSED_BY_CLIENT' } }));
  } catch (error) {
    ui.composerError.textContent = `The ticket was not closed: ${error.message}`;
  } finally {
    ui.closeTicket.disabled = false;
  }
});

ui.feedback.addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = ui.feedback.querySelector('input[name="rating"]:checked');
  if (!chosen) {
    ui.feedbackStatus.textContent = 'Choose a rating from 1 to 5 first.';
    return;
  }
  if (!state.session) {
    ui.feedbackStatus.textContent = 'Start a conversation before rating it.';
    return;
  }
  const body = { rating: Number(chosen.value) };
  const comment = ui.comment.value.trim();
  if (comment) body.comment = comment;
  ui.sendFeedback.disabled = true;
  try {
    const saved = await request('PUT', sessionPath('/feedback'), { body });
    ui.feedbackStatus.textContent = `Thank you! You rated this conversation ${saved.rating} out of 5.`;
    ui.feedbackStatus.dataset.rating = String(saved.rating);
  } catch (error) {
    ui.feedbackStatus.textContent = `Your feedback was not saved: ${error.message}`;
  } finally {
    ui.sendFeedback.disabled = false;
  }
});

ui.newChat.addEventListener('click', () => {
  forget();
  ui.message.focus();
});

const saved = store.get();
if (saved) resume(saved).catch((error) => { ui.composerError.textContent = error.message; });
document.documentElement.dataset.ready = 'true';
