-- wrk script of bench/run-ratelimit.sh: a flood of guest chat turns from one address (wrk connects from
-- 127.0.0.1, the address the service keys guests by). Arguments after "--":
--   1 sessions file (one guest session id a line; each request names one at random, so the per-session budget
--     never binds and the per-address one does)
-- No token: every request is a guest's. done() prints the RESULT line of bench/load.lua (its "ok" counts every
-- answer wrk did not count as an error; wrk counts status >= 400, the 429s too, as errors) and
--   STATUS <2xx> <429> <other status> <socket errors>
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  sessions = {}
  for line in io.lines(args[1]) do
    sessions[#sessions + 1] = line:match("^(%S+)")
  end
  counter = 0
  ok, limited, other = 0, 0, 0
  math.randomseed(os.time() * 1000 + tid * 7919)
  headers = { ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local body = string.format('{"session_id":"%s","message":"flood %d-%d: where is my order? It has not arrived yet."}',
    sessions[math.random(#sessions)], tid, counter)
  return wrk.format("POST", "/api/v1/chat", headers, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 429 then
    limited = limited + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", (summary.requests - errors) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, errors))
  local a, b, c = 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("ok")
    b = b + thread:get("limited")
    c = c + thread:get("other")
  end
  io.write(string.format("STATUS %d %d %d %d\n", a, b, c, e.connect + e.read + e.write + e.timeout))
end
