-- GET one path with real Basic auth (the read case: GET /api/v1/organization/{id}/).
--
--   wrk ... -s bench/wrk/get.lua URL -- PATH AUTHORIZATION
--
-- done() prints one line "@@WRK_JSON {...}" that bench/run.ts reads.

local path
local headers = {}

function init(args)
  path = args[1]
  headers["Authorization"] = args[2]
end

function request()
  return wrk.format("GET", path, headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '@@WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
