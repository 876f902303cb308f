#!/usr/bin/env python3
"""Chat-turn latency with the default (knowledge) assistant on a knowledge base of ~1,000 articles.

Usage (against a running Parley; nothing else is needed but python3):
    ./parley &                                   # or any deployment
    ./parley seed-knowledge                      # the 23 bundled articles
    python3 bench/chat_turn_latency.py --url http://localhost:8080 --admin-token "$(./parley token --sub bench --roles admin)"

Tops the knowledge base up to --articles with synthetic support articles (idempotent: it counts what is
there), then sends --turns chat turns as guests (--turns-per-conversation per conversation, a mix of
questions the articles answer, questions they do not, and requests for a person) and prints p50/p95/p99
of the client-side wall time of POST /api/v1/chat. Results go to bench/results/.
"""
import argparse
import json
import random
import statistics
import time
import urllib.request

TOPICS = ["refund", "invoice", "shipping", "delivery", "password", "account", "subscription", "payment", "card", "order",
          "return", "exchange", "warranty", "discount", "coupon", "gift card", "address", "email", "login", "two-factor",
          "cancellation", "upgrade", "downgrade", "billing cycle", "tax", "receipt", "tracking", "customs", "damaged item",
          "missing item", "privacy", "data export", "notifications", "mobile app", "browser", "language", "currency"]
WORDS = ("you can change update request cancel check confirm contact open select settings page menu button link email "
         "within days hours business working order account payment card bank charge refund invoice shipment package "
         "carrier label tracking number address profile security code verify identity support team chat message reply "
         "policy terms period eligible item product store online app device browser cache cookie notification").split()
QUESTIONS = ["How do I reset my password?", "I was charged twice for my order", "Where is my package?",
             "How can I delete my account?", "When will I get my refund?", "How do I change my email address?",
             "Can I pay with bitcoin?", "Do you ship to Antarctica?", "my card expired, how do I update it",
             "How do I cancel my subscription?", "I want to talk to a human", "What are your opening hours?"]


def call(method, url, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read() or b"null")


def count_articles(base):
    total, cursor = 0, None
    while True:
        _, page = call("GET", base + "/api/v1/knowledge/documents?limit=200" + ("&cursor=" + cursor if cursor else ""))
        total += len(page["items"])
        cursor = page["next_cursor"]
        if not cursor:
            return total


def synthetic_article(n, rng):
    topic, other = rng.sample(TOPICS, 2)
    paragraphs = []
    for _ in range(4):
        paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 60))).capitalize() + ".")
    return {"title": f"{topic.capitalize()} and {other}: note {n}",
            "content": f"This article explains {topic} questions about {other}.\n\n" + "\n\n".join(paragraphs),
            "tags": [topic.replace(" ", "_") + ".general"], "source_url": f"https://help.example.com/articles/{n}"}


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--admin-token", required=True)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--turns-per-conversation", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(42)

    have = count_articles(args.url)
    for n in range(have, args.articles):
        call("POST", args.url + "/api/v1/knowledge/documents", args.admin_token, synthetic_article(n, rng))
    print(f"knowledge base: {count_articles(args.url)} articles")

    def turns(count):
        timings, handoffs, session = [], 0, None
        for i in range(count):
            if i % args.turns_per_conversation == 0:
                session = None
            body = {"message": rng.choice(QUESTIONS)}
            if session:
                body["session_id"] = session
            started = time.perf_counter()
            status, turn = call("POST", args.url + "/api/v1/chat", None, body)
            timings.append((time.perf_counter() - started) * 1000)
            assert status == 200, (status, turn)
            session = turn["session_id"]
            handoffs += turn["handoff"] is not None
        return timings, handoffs

    turns(args.warmup)
    timings, handoffs = turns(args.turns)
    print(f"{args.turns} chat turns ({handoffs} with a handoff), sequential, client wall time in ms:")
    print(f"  p50 {percentile(timings, 50):.1f}  p95 {percentile(timings, 95):.1f}  p99 {percentile(timings, 99):.1f}"
          f"  mean {statistics.mean(timings):.1f}  max {max(timings):.1f}")


if __name__ == "__main__":
    main()
