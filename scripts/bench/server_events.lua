-- wrk script for scripts/bench/server.sh: POST /api/v1/events/batch with BATCH new web_visit events
-- per request, for customers drawn at random from a file of existing external ids. Event ids are
-- unique per request: RUN-<wrk thread>-<request of that thread>-<position>.
--
--   wrk -t2 -c4 -d20s --timeout 60s -s server_events.lua http://127.0.0.1:PORT -- TOKEN IDS_FILE RUN BATCH AT
--
-- done() prints one machine-readable line:
--   requests=… seconds=… non2xx=… socket_errors=…   (acknowledged events = requests × BATCH when non2xx = 0)

local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("tid", threads)
end

function init(args)
    if #args < 5 then
        error("usage: wrk ... -s server_events.lua URL -- TOKEN IDS_FILE RUN BATCH AT")
    end
    ids = {}
    for line in io.lines(args[2]) do
        if #line > 0 then ids[#ids + 1] = line end
    end
    run, batch, at = args[3], tonumber(args[4]), args[5]
    wrk.method = "POST"
    wrk.path = "/api/v1/events/batch"
    wrk.headers["Authorization"] = "Bearer " .. args[1]
    wrk.headers["Content-Type"] = "application/json"
    math.randomseed(os.time() * 100 + tid)
    sent, shown = 0, 0
end

function request()
    sent = sent + 1
    local prefix = string.format('{"event_id":"%s-%d-%d-', run, tid, sent)
    local suffix = '","type":"web_visit","at":"' .. at .. '"}'
    local parts = {}
    for i = 1, batch do
        parts[i] = prefix .. i .. '","customer_id":"' .. ids[math.random(#ids)] .. suffix
    end
    return wrk.format(nil, nil, nil, "[" .. table.concat(parts, ",") .. "]")
end

-- Show the first few refusals (wrk only counts them).
function response(status, headers, body)
    if status ~= 200 and shown < 3 then
        shown = shown + 1
        io.stderr:write(string.format("HTTP %d: %s\n", status, string.sub(body, 1, 300)))
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("requests=%d seconds=%.3f p50_ms=%.1f p99_ms=%.1f non2xx=%d socket_errors=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        e.status, e.connect + e.read + e.write + e.timeout))
end
