-- wrk script for scripts/bench/tracking.sh: GET of tracking paths (open pixels and click
-- redirects) drawn at random from a file, one path a line.
--
--   wrk -t1 -c64 -d20s --timeout 10s -s tracking.lua http://127.0.0.1:PORT -- PATHS_FILE
--
-- done() prints one machine-readable line:
--   requests=… seconds=… rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… non2xx=… socket_errors=…
-- (wrk counts statuses of 400 and above as non2xx: a click's 302 is not one).

local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("seed", threads)
end

function init(args)
    paths = {}
    for line in io.lines(args[1]) do
        if #line > 0 then paths[#paths + 1] = line end
    end
    math.randomseed(os.time() * 100 + (seed or 0))
end

function request()
    return wrk.format("GET", paths[math.random(#paths)])
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
