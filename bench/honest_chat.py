#!/usr/bin/env python3
"""Honest guests chatting at a human pace, each from its own loopback address: for bench/run-ratelimit.sh.

usage: honest_chat.py PORT CALLERS INTERVAL PHASES [PREFIX]
  CALLERS guests, caller i connects from <PREFIX><i + 2> (PREFIX 127.0.0. by default) (the socket's source address is what the service keys
  guests by); each starts its conversation with one chat turn (no session_id), then sends a turn every INTERVAL
  seconds naming its session_id (its first turn at a random offset within the first interval). PHASES is
  name:seconds,... (e.g. quiet:15,flood:15,after:15): "PHASE <name>" is printed when each begins (the script
  starts the flood on it), every turn is attributed to the phase in which it was sent.
Prints "READY <callers>" once every conversation is started, then per phase (and "without": every phase but
the one named flood, together)
  "RESULT <phase> <turns> <p50 ms> <p99 ms> <max ms> <429s> <other non-200> <replies null>"
Standard library only (asyncio); one keep-alive HTTP/1.1 connection per caller, as a browser tab would hold.
"""
import asyncio
import json
import math
import random
import sys
import time

HOST = "127.0.0.1"
QUESTIONS = ["How do I reset my password?", "How do I change my email address?", "When will I get my refund?",
             "How do I reset my password? The link did not arrive.", "Where can I see my invoices?"]


class Caller:
    def __init__(self, port, address):
        self.port, self.address = port, address
        self.reader = self.writer = None
        self.session = None

    async def turn(self, message):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port, local_addr=(self.address, 0))
        body = {"message": message}
        if self.session:
            body["session_id"] = self.session
        payload = json.dumps(body).encode()
        self.writer.write((f"POST /api/v1/chat HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n"
                           f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length, close = 0, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value.strip())
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        data = await self.reader.readexactly(length) if length else b""
        if close:
            self.writer.close()
            self.reader = self.writer = None
        answer = json.loads(data) if status == 200 and data else None
        if answer and not self.session:
            self.session = answer["session_id"]
        return status, answer


def pct(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)  # nearest rank
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


async def main():
    port, count, interval = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    phases = [(name, float(seconds)) for name, seconds in (p.split(":") for p in sys.argv[4].split(","))]
    rng = random.Random(7)
    prefix = sys.argv[5] if len(sys.argv) > 5 else "127.0.0."
    callers = [Caller(port, f"{prefix}{i + 2}") for i in range(count)]
    for caller in callers:  # one after the other: starting a conversation is the new-conversation budget's business
        status, _ = await caller.turn(rng.choice(QUESTIONS))
        if status != 200:
            print(f"ERROR caller {caller.address} could not start its conversation: HTTP {status}", flush=True)
            return 1
    print(f"READY {count}", flush=True)
    start = time.monotonic() + 0.2
    bounds, t = [], start
    for name, seconds in phases:
        bounds.append((name, t, t + seconds))
        t += seconds
    end = t
    samples = {name: [] for name, _ in phases}  # (latency ms, status, reply is null)

    def phase_of(moment):
        for name, lo, hi in bounds:
            if lo <= moment < hi:
                return name
        return None

    async def announce():
        for name, lo, _ in bounds:
            await asyncio.sleep(max(0.0, lo - time.monotonic()))
            print(f"PHASE {name}", flush=True)

    async def chat(caller, offset):
        k = 0
        while True:
            due = start + offset + k * interval
            if due >= end:
                return
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            sent = time.monotonic()
            try:
                status, answer = await caller.turn(rng.choice(QUESTIONS))
            except (ConnectionError, asyncio.IncompleteReadError) as e:
                status, answer = 0, None
                caller.writer = caller.reader = None
            took = (time.monotonic() - sent) * 1000
            phase = phase_of(sent)
            if phase:
                samples[phase].append((took, status, bool(answer) and answer.get("reply") is None))
            k += 1

    await asyncio.gather(announce(), *(chat(c, rng.uniform(0, interval)) for c in callers))
    # every phase but the flood together: the figure "without the flood"
    samples["without"] = [row for name, _ in phases if name != "flood" for row in samples[name]]
    for name in [name for name, _ in phases] + ["without"]:
        rows = samples[name]
        ok = [ms for ms, status, _ in rows if status == 200]
        print("RESULT %s %d %.1f %.1f %.1f %d %d %d" % (
            name, len(rows), pct(ok, 50), pct(ok, 99), max(ok, default=0), sum(1 for _, s, _ in rows if s == 429),
            sum(1 for _, s, _ in rows if s not in (200, 429)), sum(1 for _, _, null in rows if null)), flush=True)
    return 0


sys.exit(asyncio.run(main()))
