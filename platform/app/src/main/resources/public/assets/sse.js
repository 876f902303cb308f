// Server-Sent Events read with fetch(): EventSource cannot send an Authorization header, fetch can.
// Parses the text/event-stream format (WHATWG HTML "Server-sent events"): `event:`, `data:` (several
// lines joined by "\n"), `id:`, `retry:`, comment lines (`: keep-alive`); reconnects with the
// `Last-Event-ID` header so the server resumes after the last event seen, with a growing, jittered
// delay while the server cannot be reached. 401, 403 and 404 end the stream (reconnecting cannot help);
// a 400 to a Last-Event-ID the server no longer accepts starts the stream afresh.

const FATAL = new Set([400, 401, 403, 404, 405, 406, 409, 410, 422, 501]);

/** Splits a growing text buffer into complete lines (CRLF, LF or CR), keeping what is not yet complete. */
export class LineSplitter {
  constructor() {
    this.rest = '';
  }

  /** @returns {string[]} the complete lines in `chunk` (and what was left over before it) */
  push(chunk) {
    const text = this.rest + chunk;
    const lines = [];
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (c === 13 && i === text.length - 1) break; // a CR at the end may be half of a CRLF
        lines.push(text.slice(start, i));
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.rest = text.slice(start);
    return lines;
  }
}

/** Turns lines into events as the specification dispatches them. */
export class EventParser {
  constructor(onEvent) {
    this.onEvent = onEvent;
    this.lastEventId = null; // the id of the last event dispatched: what a reconnection resumes after
    this.idBuffer = null; // an id line read, committed when its event is dispatched
    this.retry = null;
    this.reset();
  }

  /** Forgets a half-received event (a new connection starts clean). */
  reset() {
    this.type = '';
    this.data = [];
    this.idBuffer = this.lastEventId;
  }

  line(line) {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.startsWith(':')) return; // a comment (keep-alive)
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event': this.type = value; break;
      case 'data': this.data.push(value); break;
      case 'id': if (!value.includes('\0')) this.idBuffer = value; break;
      case 'retry': if (/^\d+$/.test(value)) this.retry = Number(value); break;
      default: break; // unknown fields are ignored
    }
  }

  dispatch() {
    this.lastEventId = this.idBuffer;
    const data = this.data;
    const type = this.type || 'message';
    this.type = '';
    this.data = [];
    if (data.length === 0) return;
    this.onEvent({ type, data: data.join('\n'), id: this.lastEventId });
  }
}

/**
 * Opens a stream and keeps it open until close() is called.
 *
 * @param {string} url
 * @param {object} options
 * @param {() => (object|Promise<object>)} [options.headers] extra request headers for each (re)connection (Authorization)
 * @param {(event: {type: string, data: string, id: string|null}) => void} options.onEvent
 * @param {(info: {resumed: boolean}) => void} [options.onOpen] connected; resumed is false when the server
 *        started the stream at "now" (the caller reloads what it may have missed)
 * @param {(state: string, detail?: object) => void} [options.onState] 'connecting' | 'open' | 'retrying' | 'closed'
 * @param {(error: {status: number, problem: object|null}) => void} [options.onFatal] the server refused the stream
 * @param {number} [options.initialDelay=1000] first reconnection delay (ms); the server's `retry:` replaces it
 * @param {number} [options.maxDelay=30000]
 * @param {number} [options.idleTimeout=45000] no byte for this long (the server sends a keep-alive at least
 *        every 20 s): the connection is taken as dead and replaced
 */
export function openEventStream(url, options) {
  const state = {
    closed: false,
    suspended: false,
    controller: null,
    timer: null,
    idleTimer: null,
    attempts: 0,
    parser: new EventParser((event) => {
      if (state.closed) return;
      try {
        options.onEvent(event);
      } catch (error) {
        console.error(error); // the page's handler failed: that event is lost, the stream is not
      }
    }),
  };
  const initialDelay = options.initialDelay ?? 1000;
  const maxDelay = options.maxDelay ?? 30000;
  const idleTimeout = options.idleTimeout ?? 45000;
  const report = (name, detail) => { if (options.onState) options.onState(name, detail); };

  function delay() {
    const base = state.parser.retry ?? initialDelay;
    const grown = Math.min(maxDelay, base * 2 ** Math.min(state.attempts, 10));
    return Math.round(grown / 2 + Math.random() * grown / 2);
  }

  function schedule(afterMs) {
    if (state.closed || state.suspended) return;
    report('retrying', { inMs: afterMs });
    state.timer = setTimeout(connect, afterMs);
  }

  function armIdle() {
    clearTimeout(state.idleTimer);
    state.idleTimer = setTimeout(() => { if (state.controller) state.controller.abort(); }, idleTimeout);
  }

  async function connect() {
    if (state.closed || state.suspended) return;
    report('connecting');
    const controller = new AbortController();
    state.controller = controller;
    const resuming = state.parser.lastEventId !== null && state.parser.lastEventId !== '';
    let opened = false;
    let openedAt = 0;
    try {
      const headers = { Accept: 'text/event-stream', ...(options.headers ? await options.headers() : {}) };
      if (resuming) headers['Last-Event-ID'] = state.parser.lastEventId;
      const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store', credentials: 'omit' });
      const type = response.headers.get('Content-Type') || '';
      if (!response.ok || !type.startsWith('text/event-stream')) {
        const problem = await response.json().catch(() => null);
        if (response.status === 400 && resuming) {
          // an id this stream no longer knows: start again at "now" (onOpen then says it was not resumed)
          state.parser.lastEventId = null;
          state.parser.reset();
          schedule(0);
          return;
        }
        if (FATAL.has(response.status)) {
          state.closed = true;
          report('closed', { status: response.status });
          if (options.onFatal) options.onFatal({ status: response.status, problem });
          return;
        }
        const retryAfter = Number(response.headers.get('Retry-After'));
        state.attempts++;
        schedule(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : delay());
        return;
      }
      opened = true;
      openedAt = Date.now();
      state.parser.reset();
      report('open');
      if (options.onOpen) options.onOpen({ resumed: resuming });
      armIdle();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      const lines = new LineSplitter();
      for (;;) {
        const { value, done } = await reader.read();
        if (done || state.closed) break;
        armIdle();
        for (const line of lines.push(value)) state.parser.line(line);
      }
    } catch (error) {
      if (state.closed) return;
      // network failure, or the idle watchdog aborted a silent connection: retry below
    } finally {
      clearTimeout(state.idleTimer);
    }
    if (state.closed) return;
    // the server ended the stream (it may after a while) or the connection broke: resume after the last id
    // a stream that lasted is resumed at once; one that fails or ends right away backs off like a refusal
    if (opened && Date.now() - openedAt > 5000) {
      state.attempts = 0;
      schedule(250);
    } else {
      state.attempts++;
      schedule(delay());
    }
  }

  // A page leaving (navigation, or the back/forward cache freezing it) lets its connection go: browsers
  // may otherwise keep a frozen page's stream open, and over HTTP/1.1 a browser holds at most six
  // connections per host. A page shown again from that cache resumes after the last event it had.
  const onPageHide = () => {
    state.suspended = true;
    clearTimeout(state.timer);
    clearTimeout(state.idleTimer);
    if (state.controller) state.controller.abort();
  };
  const onPageShow = (event) => {
    if (!event.persisted || state.closed || !state.suspended) return;
    state.suspended = false;
    state.attempts = 0;
    connect();
  };
  window.addEventListener('pagehide', onPageHide);
  window.addEventListener('pageshow', onPageShow);

  connect();

  return {
    /** The id of the last event received (what a reconnection sends as Last-Event-ID). */
    get lastEventId() { return state.parser.lastEventId; },
    close() {
      state.closed = true;
      window.removeEventListener('pagehide', onPageHide);
      window.removeEventListener('pageshow', onPageShow);
      clearTimeout(state.timer);
      clearTimeout(state.idleTimer);
      if (state.controller) state.controller.abort();
      report('closed');
    },
  };
}
