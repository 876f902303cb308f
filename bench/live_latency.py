#!/usr/bin/env python3
"""Append -> message.created delivery latency, for bench/run-live.sh (issue 14 point 7).

One process holds every stream and sends the measured appends, so every time is read from one clock
(time.perf_counter_ns). Standard library only (asyncio, json).

usage: live_latency.py TOKEN SESSION_TEMPLATE CONVERSATION_TEMPLATE   (the service on 127.0.0.1)
  SESSION_TEMPLATE / CONVERSATION_TEMPLATE contain {n} (e.g. bench-session-{n:012d}); stream n follows the
  guest session n (GET /api/v1/sessions/<session n>/events, no token), appends go to conversation n
  (POST /api/v1/conversations/<conversation n>/messages with the service TOKEN, role user).

Commands, one a line on stdin; each answers with lines on stdout and ends with "DONE <command>":
  open PORT FROM TO          open the streams FROM..TO on PORT (20 at a time); each must answer 200 and send its
                             first comment; prints "OPENED <streams held>"
  measure LABEL STREAM APPEND_PORT RATE SECONDS
                             appends to conversation STREAM through APPEND_PORT at RATE a second (open loop: the
                             k-th is due at start + k/RATE, sent on one of 4 keep-alive connections) for SECONDS;
                             waits up to 5 s for the last events, then prints
                             "RESULT LABEL sent ok missing p50_send p99_send max_send p50_201 p99_201 max_201
                              append_p50 append_p99 late" (ms): delivery latency from the append's send and from
                             its 201 (negative when the event came before the 201), the append's own latency, and
                             how many appends left more than one interval late (the client fell behind)
  count                      prints "COUNT <message.created events received on all streams since the last count>
                             <streams still open> <keep-alive comments>"
  close [FROM TO]            closes every stream (or those FROM..TO)
EOF ends the process.
"""
import asyncio
import json
import math
import sys
import time

HOST = "127.0.0.1"
MARK = "live-bench"


def now_ns():
    return time.perf_counter_ns()


class Stream:
    """One SSE stream: HTTP/1.1 GET, chunked body de-framed, events parsed as they complete."""

    def __init__(self, client, n, port, path):
        self.client, self.n, self.port, self.path = client, n, port, path
        self.reader = self.writer = self.task = None
        self.open = False

    async def connect(self):
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        self.writer.write(f"GET {self.path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = head.split(b"\r\n", 1)[0]
        if not status.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"stream {self.n}: {status.decode()}")
        self.chunked = b"transfer-encoding: chunked" in head.lower()
        self.open = True
        first = asyncio.get_running_loop().create_future()
        self.task = asyncio.create_task(self.run(first))
        await asyncio.wait_for(first, 30)

    async def body(self):
        """Yields the body's bytes as they arrive (de-chunked)."""
        if not self.chunked:
            while True:
                data = await self.reader.read(65536)
                if not data:
                    return
                yield data
        while True:
            size_line = await self.reader.readline()
            if not size_line:
                return
            size = int(size_line.split(b";")[0].strip() or b"0", 16)
            if size == 0:
                return
            data = await self.reader.readexactly(size + 2)
            yield data[:-2]

    async def run(self, first):
        buffer = b""
        event = {}
        try:
            async for data in self.body():
                arrived = now_ns()
                buffer += data
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    line = line.rstrip(b"\r")
                    if not line:
                        if event:
                            self.client.on_event(self, event, arrived)
                        event = {}
                    elif line.startswith(b":"):
                        if not first.done():
                            first.set_result(True)
                        if line.startswith(b": keep-alive"):
                            self.client.keep_alives += 1
                    else:
                        name, _, value = line.partition(b":")
                        event[name.decode()] = value[1:] if value.startswith(b" ") else value
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            self.open = False
            if not first.done():
                first.set_exception(RuntimeError(f"stream {self.n} ended before its first comment"))

    def close(self):
        if self.writer:
            self.writer.close()
        if self.task:
            self.task.cancel()


class Appender:
    """A keep-alive HTTP/1.1 connection that POSTs appends one at a time."""

    def __init__(self, port):
        self.port = port
        self.reader = self.writer = None

    async def post(self, path, token, body):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        payload = json.dumps(body).encode()
        self.writer.write((f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\nAuthorization: Bearer {token}\r\n"
                           f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n").encode() + payload)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length:
            await self.reader.readexactly(length)
        return status


def pct(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)  # nearest rank
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


class Client:
    def __init__(self, token, session_template, conversation_template):
        self.token = token
        self.session_template = session_template
        self.conversation_template = conversation_template
        self.streams = {}
        self.events = 0
        self.keep_alives = 0
        self.waiting = {}  # (label, k) -> arrival time of its event
        self.label = None

    def on_event(self, stream, event, arrived):
        if event.get("event") != b"message.created":
            return
        self.events += 1
        if self.label is None:
            return
        data = event.get("data", b"")
        if MARK.encode() not in data:
            return
        content = json.loads(data).get("content", "")
        parts = content.split()
        if len(parts) >= 3 and parts[0] == MARK and parts[1] == self.label:
            self.waiting[int(parts[2])] = arrived

    async def open(self, port, first, last):
        numbers = [n for n in range(first, last + 1) if n not in self.streams or not self.streams[n].open]
        for i in range(0, len(numbers), 20):
            batch = []
            for n in numbers[i:i + 20]:
                stream = Stream(self, n, port, f"/api/v1/sessions/{self.session_template.format(n=n)}/events")
                self.streams[n] = stream
                batch.append(stream.connect())
            await asyncio.gather(*batch)
        print(f"OPENED {sum(1 for s in self.streams.values() if s.open)}", flush=True)

    async def measure(self, label, stream_n, port, rate, seconds):
        stream = self.streams.get(stream_n)
        if stream is None or not stream.open:
            raise RuntimeError(f"stream {stream_n} is not open")
        self.label = label
        self.waiting = {}
        path = f"/api/v1/conversations/{self.conversation_template.format(n=stream_n)}/messages"
        appenders = asyncio.Queue()
        for _ in range(4):
            appenders.put_nowait(Appender(port))
        total = int(rate * seconds)
        sent, answered, late = {}, {}, [0]
        interval_ns = int(1e9 / rate)
        start = now_ns() + 50_000_000

        async def one(k):
            appender = await appenders.get()
            try:
                due = start + k * interval_ns
                t = now_ns()
                if t - due > interval_ns:
                    late[0] += 1
                sent[k] = t
                status = await appender.post(path, self.token, {"role": "user", "content": f"{MARK} {label} {k} where is my order?"})
                if status == 201:
                    answered[k] = now_ns()
                else:
                    print(f"append {k}: HTTP {status}", flush=True)
            finally:
                appenders.put_nowait(appender)

        tasks = []
        for k in range(total):
            delay = (start + k * interval_ns - now_ns()) / 1e9
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(k)))
        await asyncio.gather(*tasks, return_exceptions=True)
        deadline = now_ns() + 5_000_000_000
        while now_ns() < deadline and any(k not in self.waiting for k in answered):
            await asyncio.sleep(0.01)
        from_send = [(self.waiting[k] - sent[k]) / 1e6 for k in answered if k in self.waiting]
        from_201 = [(self.waiting[k] - answered[k]) / 1e6 for k in answered if k in self.waiting]
        append = [(answered[k] - sent[k]) / 1e6 for k in answered]
        missing = sum(1 for k in answered if k not in self.waiting)
        self.label = None
        print("RESULT %s %d %d %d %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %d" % (
            label, total, len(answered), missing, pct(from_send, 50), pct(from_send, 99), max(from_send, default=0),
            pct(from_201, 50), pct(from_201, 99), max(from_201, default=0), pct(append, 50), pct(append, 99), late[0]),
            flush=True)

    def count(self):
        print(f"COUNT {self.events} {sum(1 for s in self.streams.values() if s.open)} {self.keep_alives}", flush=True)
        self.events = 0

    def close(self, first=None, last=None):
        for n in [n for n in self.streams if first is None or first <= n <= last]:
            self.streams.pop(n).close()


async def main():
    token, session_template, conversation_template = sys.argv[1], sys.argv[2], sys.argv[3]
    client = Client(token, session_template, conversation_template)
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin)
    while True:
        line = (await stdin.readline()).decode().strip()
        if not line:
            if stdin.at_eof():
                break
            continue
        words = line.split()
        try:
            if words[0] == "open":
                await client.open(int(words[1]), int(words[2]), int(words[3]))
            elif words[0] == "measure":
                await client.measure(words[1], int(words[2]), int(words[3]), float(words[4]), float(words[5]))
            elif words[0] == "count":
                client.count()
            elif words[0] == "close":
                client.close(*(int(w) for w in words[1:3]))
            else:
                print(f"ERROR unknown command {words[0]}", flush=True)
        except Exception as e:  # report and go on: the script decides what a failure means
            print(f"ERROR {words[0]}: {type(e).__name__}: {e}", flush=True)
        print(f"DONE {words[0]}", flush=True)
    client.close()


asyncio.run(main())
