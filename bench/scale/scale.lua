-- wrk script of bench/scale/run-scale.sh: the append load of bench/load.lua, and every answer logged.
-- Arguments after "--":
--   1 ids file (one conversation id a line; a random one per request)
--   2 log prefix: each wrk thread writes <prefix>.<thread> with one line per HTTP answer:
--       <unix seconds, µs> <status> <instance> <conversation_id> <message id> <seq>
--     instance is the X-Parley-Instance header HAProxy adds (the server that answered; "-" when HAProxy
--     answered itself, e.g. a 502/503); id and seq only on 201 (the acknowledged appends), "-" otherwise.
-- The bearer token comes from BENCH_TOKEN. done() prints the same RESULT line as bench/load.lua:
--   RESULT <ok requests/s> <p50 ms> <p99 ms> <requests> <errors>
-- wrk runs LuaJIT: the clock is clock_gettime through its FFI (os.time() has whole seconds only).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } parley_timespec;
  int clock_gettime(int clk_id, parley_timespec *tp);
]]
local CLOCK_REALTIME = 0
local ts = ffi.new("parley_timespec")

local function now()
  ffi.C.clock_gettime(CLOCK_REALTIME, ts)
  return tonumber(ts.tv_sec) + tonumber(ts.tv_nsec) / 1e9
end

local next_id = 1

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  ids = {}
  for line in io.lines(args[1]) do
    ids[#ids + 1] = line:match("^(%S+)")
  end
  out = assert(io.open(args[2] .. "." .. tid, "w"))
  out:setvbuf("full")
  counter = 0
  math.randomseed(os.time() * 1000 + tid * 7919)
  headers = { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"), ["Content-Type"] = "application/json" }
end

function request()
  counter = counter + 1
  local id = ids[math.random(#ids)]
  local body = string.format('{"role":"user","content":"scale message %d-%d-%d: where is my order? It has not arrived yet."}',
    tid, counter, math.random(0, 0x7fffffff))
  return wrk.format("POST", "/api/v1/conversations/" .. id .. "/messages", headers, body)
end

function response(status, hdrs, body)
  local instance = hdrs["x-parley-instance"] or hdrs["X-Parley-Instance"] or "-"
  local conversation, message, seq = "-", "-", "-"
  if status == 201 then
    conversation = body:match('"conversation_id":"([%x%-]+)"') or "-"
    message = body:match('[{,]"id":"([%x%-]+)"') or "-"
    seq = body:match('"seq":(%d+)') or "-"
  end
  out:write(string.format("%.6f %d %s %s %s %s\n", now(), status, instance, conversation, message, seq))
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  local errors = e.status + e.connect + e.read + e.write + e.timeout
  io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n", (summary.requests - errors) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, errors))
  io.write(string.format("SOCKET_ERRORS connect %d read %d write %d timeout %d; status >= 400: %d\n",
    e.connect, e.read, e.write, e.timeout, e.status))
end
