-- wrk script: each request accepts the next submitted case (triage + routing in
-- one request). Case ids come from the file in BENCH_IDS, split over the
-- threads (run.sh stops wrk once all are triaged). BENCH_TOKEN: an intake officer.
-- run.sh gives every connection its own thread (BENCH_THREADS = clients), so a
-- thread whose ids are used up has nothing in flight and stops itself. Before,
-- two threads shared the connections: one that finished first repeated its last
-- id (a fast 409) until the other was done, pulling the percentiles down.
local ids, position, step = {}, 0, 1
local token = os.getenv("BENCH_TOKEN")
local body = [[{"decision":"accept","case_type":"second_opinion","other_options_exhausted":true,
"disciplines":["bedrijfsarts","verzekeringsarts"],"motivation":"De bedrijfsarts heeft heroverweging geweigerd."}]]
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

function init(args)
  for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
  step = tonumber(os.getenv("BENCH_THREADS") or "2")
  position = index + 1
  -- wrk calls the first thread's request() once to check the script, and
  -- never sends that request: it must not use up an id.
  checked = index ~= 0
end

function request()
  if not checked then
    checked = true
    return wrk.format("POST", "/api/v1/cases/" .. ids[position] .. "/triage")
  end
  local id = ids[position]
  if id == nil then
    wrk.thread:stop()
    id = ids[#ids]
  end
  position = position + step
  return wrk.format("POST", "/api/v1/cases/" .. id .. "/triage",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function done(summary, latency, requests)
  io.write(string.format("non-2xx responses: %d\n", summary.errors.status))
end
