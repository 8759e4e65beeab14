-- wrk script for bench/load.sh: prints one machine-readable line when the run is done.
-- Latencies are in milliseconds; errors are connect, read, write and timeout errors plus answers of 400 or more.
done = function(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.status + e.timeout
  if summary.requests == 0 then
    -- Nothing answered within the run (every answer took longer than the run): no latency to report.
    io.write(string.format("RESULT p50=- p95=- p99=- max=- rps=0 requests=0 errors=%d timeouts=%d status=%d\n", errors, e.timeout, e.status))
    return
  end
  io.write(string.format("RESULT p50=%.1f p95=%.1f p99=%.1f max=%.1f rps=%.2f requests=%d errors=%d timeouts=%d status=%d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1000000), summary.requests, errors, e.timeout, e.status))
end
