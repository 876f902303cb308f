-- wrk script of the Parley benchmarks. Arguments after "--":
--   1 ids file (one conversation id a line)
--   2 mode: append | read | spans
--   3 spans per request (mode spans)
-- The bearer token comes from BENCH_TOKEN. Each request picks a conversation at random; appended
-- messages and spans are unique (thread id, counter, random); "read" asks for the latest 50 messages
-- (?order=desc&limit=50). done() prints one machine-readable line:
--   RESULT <ok requests/s> <p50 ms> <p99 ms> <requests> <errors>
local threads = {}
local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  ids = {}
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line:match("^(%S+)")
  end
  mode = args[2] or "append"
  batch = tonumber(args[3] or "1")
  token = os.getenv("BENCH_TOKEN")
  counter = 0
  math.randomseed(os.time() * 1000 + tid * 7919)
  headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
end

local function uuid()
  return string.format("%08x-%04x-4%03x-8%03x-%06x%06x", math.random(0, 0xffffffff), math.random(0, 0xffff),
    math.random(0, 0xfff), math.random(0, 0xfff), math.random(0, 0xffffff), math.random(0, 0xffffff))
end

local function span(conversation, trace)
  return string.format('{"id":"%s","trace_id":"%s","conversation_id":"%s","agent_type":"support-bot",'
    .. '"operation_type":"llm_call","name":"answer","status":"ok","started_at":"2026-11-23T10:00:00Z",'
    .. '"ended_at":"2026-11-23T10:00:01.250Z","input_tokens":812,"output_tokens":96,"cost_usd":0.00042,'
    .. '"model":"gpt-4o-mini","payload":{"step":%d}}', uuid(), trace, conversation, counter)
end

function request()
  counter = counter + 1
  local n = math.random(#ids)
  local id = ids[n]
  if mode == "read" then
    return wrk.format("GET", "/api/v1/conversations/" .. id .. "/messages?order=desc&limit=50", headers)
  elseif mode == "spans" then
    local trace = uuid()
    local parts = {}
    for i = 1, batch do parts[i] = span(id, trace) end
    return wrk.format("POST", "/api/v1/traces", headers, '{"spans":[' .. table.concat(parts, ",") .. ']}')
  end
  local body = string.format('{"role":"user","content":"bench message %d-%d-%d: where is my order? It has not arrived yet."}',
    tid, counter, math.random(0, 0x7fffffff))
  return wrk.format("POST", "/api/v1/conversations/" .. id .. "/messages", headers, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", (summary.requests - errors) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, errors))
end
