-- wrk script for scripts/bench: POST /api/v1/time-entries as the member in BENCH_TOKEN,
-- on BENCH_PROJECT / BENCH_TASK, one hour on a day no other request uses (each wrk
-- thread counts days from its own origin, 1900-01-01 + 40 000 days × thread), so the
-- daily limit always holds and requests never wait on each other's day.
local token = os.getenv("BENCH_TOKEN")
local project = os.getenv("BENCH_PROJECT")
local task = os.getenv("BENCH_TASK")
local counter = 0
local origin = -2208988800 -- 1900-01-01T00:00:00Z

local threads = {}
local next_id = 0
function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Authorization"] = "Bearer " .. token
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local day = os.date("!%Y-%m-%d", origin + (id * 40000 + counter) * 86400)
  counter = counter + 1
  local body = string.format(
    '{"project_id":"%s","task_id":"%s","work_date":"%s","minutes":60,"note":"bench"}', project, task, day)
  return wrk.format(nil, nil, nil, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"errors":%d,"non2xx":%d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
