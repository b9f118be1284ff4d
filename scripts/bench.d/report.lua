-- wrk script for scripts/bench: sends the bearer token in BENCH_TOKEN (when set) and
-- prints one machine-readable line with the throughput and latency percentiles:
--   BENCH {"requests":…,"duration_us":…,"p50_ms":…,"p95_ms":…,"p99_ms":…,"errors":…,"non2xx":…}
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"errors":%d,"non2xx":%d}\n',
    summary.requests, summary.duration, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
