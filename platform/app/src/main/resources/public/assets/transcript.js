// A conversation's messages on screen, in `seq` order, each once, whichever way it arrived
// (a page of history, the answer to a send, or a live event).

import { el, when } from './dom.js';

/** Who wrote a message: 'customer', 'agent' (a person of the support team), 'assistant' (the AI) or 'system'. */
export function authorKind(message) {
  if (message.role === 'user') return 'customer';
  if (message.role === 'system') return 'system';
  const author = message.metadata && typeof message.metadata.author === 'string' ? message.metadata.author : '';
  return author.startsWith('agent:') || author.startsWith('admin:') ? 'agent' : 'assistant';
}

/** The person behind an agent's message (`agent:<sub>` → `<sub>`), or null. */
export function authorName(message) {
  const author = message.metadata && typeof message.metadata.author === 'string' ? message.metadata.author : '';
  const colon = author.indexOf(':');
  return authorKind(message) === 'agent' && colon > 0 ? author.slice(colon + 1) : null;
}

export function sourcesOf(message) {
  const sources = message.metadata && Array.isArray(message.metadata.sources) ? message.metadata.sources : [];
  return sources.filter((s) => s && typeof s.title === 'string');
}

export class Transcript {
  /**
   * @param {HTMLElement} list an <ol> (role="log" makes screen readers announce new messages)
   * @param {object} options
   * @param {(message: object) => string} options.label the visible author of a message
   * @param {boolean} [options.details] show intent and confidence of the assistant's answers (agents)
   */
  constructor(list, options) {
    this.list = list;
    this.options = options;
    this.byId = new Map();
  }

  clear() {
    this.byId.clear();
    this.list.replaceChildren();
  }

  has(id) {
    return this.byId.has(id);
  }

  get size() {
    return this.byId.size;
  }

  /** The newest message on screen. */
  last() {
    let last = null;
    for (const m of this.byId.values()) if (!last || m.seq > last.seq) last = m;
    return last;
  }

  /** Adds what is not on screen yet, in seq order; returns the messages that were new. */
  add(messages) {
    const added = [];
    for (const message of messages) {
      if (!message || !message.id || this.byId.has(message.id)) continue;
      this.byId.set(message.id, message);
      const node = this.render(message);
      let before = null;
      for (const child of this.list.children) {
        if (Number(child.dataset.seq) > message.seq) { before = child; break; }
      }
      this.list.insertBefore(node, before);
      added.push(message);
    }
    return added;
  }

  render(message) {
    const kind = authorKind(message);
    const details = [];
    if (this.options.details && kind === 'assistant' && message.intent) {
      const confidence = typeof message.confidence === 'number' ? ` · confidence ${message.confidence.toFixed(2)}` : '';
      details.push(el('span', { class: 'msg-detail', text: `intent ${message.intent}${confidence}` }));
    }
    const sources = sourcesOf(message);
    return el('li', {
      class: `msg msg-${kind}`,
      dataset: {
        id: message.id,
        seq: message.seq,
        role: message.role,
        kind,
        author: (message.metadata && message.metadata.author) || null,
        shownAt: Date.now(),
      },
    },
    el('div', { class: 'msg-head' },
      el('span', { class: 'msg-author', text: this.options.label(message) }),
      el('time', { datetime: message.created_at || null, text: when(message.created_at) }),
      details),
    el('p', { class: 'msg-body', text: message.content }),
    sources.length ? el('div', { class: 'msg-sources' },
      el('span', { text: sources.length === 1 ? 'Source: ' : 'Sources: ' }),
      el('ul', {}, sources.map((s) => el('li', { class: 'source', text: s.title })))) : null);
  }
}
