#!/usr/bin/env python3
"""Reads the answers bench/scale/scale.lua logged and tells what the failover cost (bench/scale/run-scale.sh).

Usage: answers.py ANSWERS HAPROXY_LOG T0 KILL_T RESTART_T END_T ACKED_CSV TIMELINE [RECONNECTS CUT]
  ANSWERS      lines "<unix s> <status> <instance a|b|-> <conversation_id> <message id> <seq>"
  HAPROXY_LOG  HAProxy's output, each line prefixed with the unix time it was written
  T0 .. END_T  unix times of the load's start, the kill -9, the restart (0: none) and the load's end
  RECONNECTS   seconds from the kill at which wrk opened a new connection (run-scale.sh reads them from HAProxy's
               log): wrk reconnects after a 502 (HAProxy closes) and after a connection cut without an answer,
               which it counts (CUT, its socket read errors) but does not time; the reconnect dates the cut
Writes ACKED_CSV (id,conversation_id,seq of every 201) and TIMELINE (answers per second), prints the figures,
and a last line "RESULT ok" when failed answers and cut connections occurred only after the kill and before
the restart.
"""
import collections
import re
import sys


def rate(rows, start, end, instance=None):
    if end - start < 1:
        return None
    n = sum(1 for r in rows if start <= r[0] < end and r[1] == 201 and (instance is None or r[2] == instance))
    return n / (end - start)


def fmt(value):
    return "n/a" if value is None else "%.0f/s" % value


def main():
    answers, haproxy_log, t0, kill_t, restart_t, end_t, acked_csv, timeline = sys.argv[1:9]
    reconnects = [float(l) for l in open(sys.argv[9]) if l.strip()] if len(sys.argv) > 9 else []
    cut = int(sys.argv[10]) if len(sys.argv) > 10 and sys.argv[10].strip() else 0
    t0, kill_t, restart_t, end_t = float(t0), float(kill_t), float(restart_t), float(end_t)
    control = kill_t == 0  # nobody killed: every failed answer is a failure
    if control:
        kill_t = end_t + 1
    rows = []
    with open(answers) as f, open(acked_csv, "w") as acked:
        for line in f:
            parts = line.split()
            if len(parts) != 6:
                continue
            t, status, instance, conversation, message, seq = float(parts[0]), int(parts[1]), parts[2], parts[3], parts[4], parts[5]
            rows.append((t, status, instance))
            if status == 201 and message != "-" and seq != "-":
                acked.write("%s,%s,%s\n" % (message, conversation, seq))
    rows.sort()
    events = []  # (time, server, UP|DOWN)
    for line in open(haproxy_log, errors="replace"):
        m = re.match(r"^(\d+\.\d+) .*Server instances/([ab]) is (UP|DOWN)", line)
        if m:
            events.append((float(m.group(1)), m.group(2), m.group(3)))
    rejoin_t = restart_t if restart_t > 0 else end_t + 1

    def rel(t):
        return "+%.2fs" % (t - t0)

    by_status = collections.Counter(r[1] for r in rows)
    by_instance = collections.Counter(r[2] for r in rows if r[1] == 201)
    print("-- answers: %d, by status %s; 201s by instance %s" % (len(rows), dict(sorted(by_status.items())), dict(sorted(by_instance.items()))))
    failed = [r for r in rows if r[1] != 201]
    before = [r for r in failed if r[0] < kill_t]
    failover = [r for r in failed if kill_t <= r[0] < rejoin_t]
    rejoin = [r for r in failed if r[0] >= rejoin_t]
    down = next((t for t, s, state in events if s == "b" and state == "DOWN" and t >= kill_t), None)
    up = next((t for t, s, state in events if s == "b" and state == "UP" and t >= rejoin_t), None)
    print("   failed answers before the kill: %d; after the kill: %d %s; after the restart: %d" % (
        len(before), len(failover), dict(collections.Counter(r[1] for r in failover)), len(rejoin)))
    # every client-visible error after the kill: failed answers, and connections cut without an answer (dated by
    # the reconnect that followed; a 502 also makes wrk reconnect, so these times include the 502s' own)
    reconnect_times = [kill_t + r for r in reconnects]
    errors_after = sorted([r[0] for r in failover] + [t for t in reconnect_times if kill_t <= t < rejoin_t])
    stray_reconnects = [t for t in reconnect_times if not (kill_t <= t < rejoin_t)] if not control else reconnect_times
    print("   connections cut without an answer (wrk read errors): %d; wrk reconnects: %d, %d of them outside the failover"
          " period" % (cut, len(reconnects), len(stray_reconnects)))
    if errors_after:
        first, last = errors_after[0], errors_after[-1]
        print("   FAILOVER WINDOW: %.3f s, from the first client-visible error %.3f s after the kill to the last %.3f s after it"
              " (failed answers: %.3f .. %.3f s)" % (last - first, first - kill_t, last - kill_t,
                                                     (failover[0][0] - kill_t) if failover else float("nan"),
                                                     (failover[-1][0] - kill_t) if failover else float("nan")))
    else:
        last = kill_t
        print("   FAILOVER WINDOW: no client-visible error at all")
    if down is not None:
        print("   HAProxy marked b DOWN %.3f s after the kill (3 refused health checks); until then it sent b's share to a"
              " when the connection was refused (retry-on conn-failure, redispatch)" % (down - kill_t))
    if up is not None:
        print("   b back in rotation (UP) %.1f s after its restart" % (up - restart_t))

    settle = 2.0  # seconds skipped after each change (JIT, connection pools, the balancer's view)
    if control:
        whole = (t0 + settle, end_t)
        print("-- throughput (acknowledged appends per second), control run without a kill:")
        print("   a + b: %s (a %s, b %s)  [%s .. %s]" % (
            fmt(rate(rows, *whole)), fmt(rate(rows, *whole, "a")), fmt(rate(rows, *whole, "b")), rel(whole[0]), rel(whole[1])))
    both_before = (max(t0 + settle, kill_t - 15), kill_t)
    alone = (max(kill_t, last) + 1.0, rejoin_t if restart_t > 0 else end_t)
    if not control:
        print("-- throughput (acknowledged appends per second):")
        print("   before the kill, a + b:      %s (a %s, b %s)  [%s .. %s]" % (
            fmt(rate(rows, *both_before)), fmt(rate(rows, *both_before, "a")), fmt(rate(rows, *both_before, "b")), rel(both_before[0]), rel(both_before[1])))
        print("   survivor a alone:            %s  [%s .. %s]" % (fmt(rate(rows, *alone, "a")), rel(alone[0]), rel(alone[1])))
    if up is not None and end_t - (up + settle) >= 3:
        after = (up + settle, end_t)
        print("   after b rejoined, a + b:     %s (a %s, b %s)  [%s .. %s]" % (
            fmt(rate(rows, *after)), fmt(rate(rows, *after, "a")), fmt(rate(rows, *after, "b")), rel(after[0]), rel(after[1])))
    a_before, a_alone = rate(rows, *both_before, "a"), rate(rows, *alone, "a")
    total_before = rate(rows, *both_before)
    if not control and a_before and a_alone and total_before:
        print("   survivor a: %.2f x its own rate before the kill; %.2f of what a + b served together" % (
            a_alone / a_before, a_alone / total_before))

    with open(timeline, "w") as out:
        seconds = collections.defaultdict(lambda: [0, 0, 0])
        for t, status, instance in rows:
            s = int(t - t0)
            if status != 201:
                seconds[s][2] += 1
            elif instance == "a":
                seconds[s][0] += 1
            elif instance == "b":
                seconds[s][1] += 1
        marks = {} if control else {int(kill_t - t0): "  <- kill -9 b"}
        if restart_t > 0:
            marks[int(restart_t - t0)] = "  <- b started again"
        if up is not None:
            marks[int(up - t0)] = marks.get(int(up - t0), "") + "  <- b UP in HAProxy"
        for s in range(0, int(end_t - t0) + 1):
            a, b, f = seconds[s]
            out.write("   %3d  a %5d  b %5d  failed %4d%s\n" % (s, a, b, f, marks.get(s, "")))

    ok = (rows and not before and not rejoin and not stray_reconnects and all(t - kill_t < 30 for t in errors_after)
          and by_status.get(201, 0) > 0)
    print("RESULT " + ("ok" if ok else "bad"))


if __name__ == "__main__":
    main()
