#!/usr/bin/env python3
"""Opens N idle Server-Sent Event streams and holds them: for bench/run-streams-memory.sh.

usage: sse_idle_clients.py HOST PORT PATH_TEMPLATE FROM TO
PATH_TEMPLATE contains {n} (e.g. /api/v1/sessions/bench-session-{n:012d}/events). Prints "ready N" once
every stream answered 200 and sent its first event, keeps reading (keep-alives) until stdin closes.
"""
import asyncio
import sys


async def open_stream(host, port, path):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    if not head.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(head.split(b"\r\n", 1)[0].decode())
    return reader, writer


async def drain(reader):
    while await reader.read(4096):
        pass


async def main():
    host, port, template, first, last = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    streams = []
    for n in range(first, last + 1):
        streams.append(await open_stream(host, port, template.format(n=n)))
    readers = [asyncio.create_task(drain(reader)) for reader, _ in streams]
    print(f"ready {len(streams)}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    for _, writer in streams:
        writer.close()
    for task in readers:
        task.cancel()


asyncio.run(main())
