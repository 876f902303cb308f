#!/usr/bin/env python3
"""Where the service's CPU time goes, from a JFR recording's jdk.ExecutionSample events.

Usage: jfr_breakdown.py JFR_TOOL RECORDING.jfr
Prints three tables, in % of the samples:
  1. by component: the first frame from the top of the stack that is not the JDK itself
     (java., javax., jdk., sun.), mapped to a component (netty, micronaut http, jackson, jwt, pgjdbc, hikari, parley, ...);
  2. by package of the top frame (self time);
  3. the 20 hottest top frames;
  4. Parley classes on the stack, inclusive (a sample counts once for every Parley class anywhere in its stack):
     which filter, controller or service the time is spent under.
"""
import collections
import re
import subprocess
import sys

JDK = ("java.", "javax.", "jdk.", "sun.", "com.sun.")
COMPONENTS = [
    ("io.netty.", "netty (HTTP I/O)"),
    ("io.micronaut.http.server", "micronaut http server"),
    ("io.micronaut.http", "micronaut http (routing, codecs)"),
    ("io.micronaut.security", "micronaut security (JWT auth)"),
    ("com.nimbusds.", "nimbus JOSE (JWT verify)"),
    ("io.micronaut.json", "micronaut json"),
    ("io.micronaut.serde", "micronaut serde (JSON)"),
    ("com.fasterxml.jackson", "jackson (JSON)"),
    ("io.micronaut.data", "micronaut data (JDBC ops, transactions)"),
    ("io.micronaut.transaction", "micronaut transactions"),
    ("io.micronaut.validation", "micronaut validation"),
    ("io.micronaut.aop", "micronaut AOP / interceptors"),
    ("io.micronaut.core", "micronaut core"),
    ("io.micronaut.context", "micronaut context"),
    ("io.micronaut.", "micronaut other"),
    ("org.postgresql.", "pgjdbc (PostgreSQL driver)"),
    ("com.zaxxer.hikari", "hikari (pool)"),
    ("io.parley.", "parley code"),
    ("ch.qos.logback", "logback"),
    ("org.slf4j", "slf4j"),
    ("io.micrometer", "micrometer (metrics)"),
    ("reactor.", "reactor"),
    ("org.reactivestreams", "reactor"),
]


def component(frame):
    for prefix, name in COMPONENTS:
        if frame.startswith(prefix):
            return name
    return frame.rsplit(".", 2)[0] if frame.count(".") >= 2 else frame


def package(frame):
    method = frame.split("(")[0]
    parts = method.split(".")
    return ".".join(parts[:-2]) if len(parts) > 2 else method


def parley_class(frame):
    """io.parley.x.Foo$Bar.baz(..) and Micronaut's generated io.parley.x.$Foo$Definition$Exec.run(..) -> io.parley.x.Foo"""
    owner = frame.split("(")[0].rsplit(".", 1)[0]
    pkg, _, simple = owner.rpartition(".")
    parts = [part for part in simple.split("$") if part]
    return pkg + "." + (parts[0] if parts else simple)


def main():
    tool, recording = sys.argv[1], sys.argv[2]
    text = subprocess.run([tool, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "160", recording],
                          capture_output=True, text=True, check=True).stdout
    by_component, by_package, by_frame = collections.Counter(), collections.Counter(), collections.Counter()
    by_parley = collections.Counter()
    total = 0
    for block in text.split("jdk.ExecutionSample")[1:]:
        match = re.search(r"stackTrace = \[(.*?)\n\s*\]", block, re.S)
        if not match:
            continue
        frames = [line.strip().split(" line:")[0] for line in match.group(1).strip().splitlines()
                  if line.strip() and line.strip() != "..."]
        if not frames:
            continue
        total += 1
        by_package[package(frames[0])] += 1
        by_frame[frames[0]] += 1
        owner = next((f for f in frames if not f.startswith(JDK)), None)
        by_component[component(owner) if owner else "JDK only (" + package(frames[0]) + ")"] += 1
        for name in {parley_class(f) for f in frames if f.startswith("io.parley.")}:
            by_parley[name] += 1
    print(f"# {total} execution samples")
    for title, counter, limit in (("by component (first non-JDK frame from the top)", by_component, 25),
                                  ("by package of the top frame (self time)", by_package, 20),
                                  ("hottest top frames", by_frame, 20),
                                  ("Parley classes on the stack (inclusive)", by_parley, 25)):
        print(f"## {title}")
        for name, count in counter.most_common(limit):
            print(f"{100.0 * count / max(total, 1):6.1f}%  {name}")


if __name__ == "__main__":
    main()
