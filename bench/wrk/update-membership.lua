-- PUT /api/v1/membership/{id}/ with real Basic auth, rotating over memberships and bodies.
--
--   wrk ... -s bench/wrk/update-membership.lua URL -- IDS_FILE AUTHORIZATION
--
-- IDS_FILE holds one membership ID a line. Each request picks a random ID and one of six
-- bodies (three roles × two auto_record_calls values), so about five requests in six really
-- change the membership (a write and its event) rather than hitting the no-change path.
-- done() prints one line "@@WRK_JSON {...}" that bench/run.ts reads.

local bodies = {}
for _, role in ipairs({ "superuser", "user", "restricteduser" }) do
  for _, arc in ipairs({ "enabled", "disabled" }) do
    bodies[#bodies + 1] = '{"role_id":"' .. role .. '","auto_record_calls":"' .. arc .. '"}'
  end
end

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_number", counter)
  table.insert(threads, thread)
end

local ids = {}
local headers = {}

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open the membership IDs file")
  for line in file:lines() do
    if line ~= "" then ids[#ids + 1] = line end
  end
  file:close()
  assert(#ids > 0, "no membership IDs in " .. args[1])
  headers["Authorization"] = args[2]
  headers["Content-Type"] = "application/json"
  math.randomseed(os.time() * 1000 + (thread_number or 0))
end

function request()
  local id = ids[math.random(#ids)]
  return wrk.format("PUT", "/api/v1/membership/" .. id .. "/", headers, bodies[math.random(#bodies)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '@@WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
