#!/usr/bin/env python3
"""Append load for crash-safety.sh, standard library only.

Creates N conversations (service token), then W worker threads append messages round-robin until
the stop file appears. Every response is one JSON line in --log:
  {"t": unix_seconds, "ms": latency, "status": code | 0 (connection failed), "problem": bool,
   "conversation_id": ..., "id": ..., "seq": ...}   (id/seq only on 2xx: the acknowledged appends)
"""
import argparse, http.client, json, os, threading, time

def request(host, port, method, path, token, body, timeout):
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Authorization": "Bearer " + token}
        if data is not None:
            headers["Content-Type"] = "application/json"
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        return resp.status, resp.getheader("Content-Type", ""), resp.read()
    finally:
        conn.close()

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--conversations", type=int, default=8)
    p.add_argument("--conversation-file", help="reuse the conversation ids in this file (one per line) or write them there")
    p.add_argument("--workers", type=int, default=16)
    p.add_argument("--log", required=True)
    p.add_argument("--stop-file", required=True)
    p.add_argument("--timeout", type=float, default=30.0)
    a = p.parse_args()
    host = "127.0.0.1"
    if a.conversation_file and os.path.exists(a.conversation_file):
        conversations = [l.strip() for l in open(a.conversation_file) if l.strip()]
    else:
        conversations = []
        for _ in range(a.conversations):
            status, _, body = request(host, a.port, "POST", "/api/v1/conversations", a.token,
                                      {"channel": "api", "locale": "en-US"}, a.timeout)
            if status != 201:
                raise SystemExit("could not start a conversation: %s %s" % (status, body[:200]))
            conversations.append(json.loads(body)["id"])
        if a.conversation_file:
            with open(a.conversation_file, "w") as f:
                f.write("\n".join(conversations) + "\n")
    lock = threading.Lock()
    log = open(a.log, "a", buffering=1)

    def worker(n):
        i = 0
        while not os.path.exists(a.stop_file):
            cid = conversations[(n + i) % len(conversations)]
            i += 1
            started = time.time()
            line = {"t": started, "conversation_id": cid}
            try:
                status, ctype, body = request(host, a.port, "POST", "/api/v1/conversations/%s/messages" % cid, a.token,
                                              {"role": "assistant", "content": "load message %d/%d" % (n, i)}, a.timeout)
                line["status"] = status
                line["problem"] = ctype.startswith("application/problem+json")
                if 200 <= status < 300:
                    m = json.loads(body)
                    line["id"], line["seq"] = m["id"], m["seq"]
            except Exception as e:  # refused / reset while the service is down: not acknowledged
                line["status"] = 0
                line["error"] = type(e).__name__
                time.sleep(0.05)
            line["ms"] = round((time.time() - started) * 1000, 1)
            with lock:
                log.write(json.dumps(line) + "\n")

    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

if __name__ == "__main__":
    main()
