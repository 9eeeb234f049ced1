-- wrk script for scripts/bench/server.sh: GET /api/v1/customers/<reference> for references drawn
-- at random from a file of existing external ids, with a bearer token.
--
--   wrk -t2 -c64 -d30s --timeout 10s -s server_customer360.lua http://127.0.0.1:PORT -- TOKEN IDS_FILE
--
-- done() prints one machine-readable line:
--   requests=… seconds=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… non2xx=… socket_errors=…

local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("seed", threads)
end

function init(args)
    if #args < 2 then
        error("usage: wrk ... -s server_customer360.lua URL -- TOKEN IDS_FILE")
    end
    wrk.headers["Authorization"] = "Bearer " .. args[1]
    ids = {}
    for line in io.lines(args[2]) do
        if #line > 0 then ids[#ids + 1] = line end
    end
    math.randomseed(os.time() * 100 + (seed or 0))
end

function request()
    return wrk.format("GET", "/api/v1/customers/" .. ids[math.random(#ids)])
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format(
        "requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
        summary.requests, seconds, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
        latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
