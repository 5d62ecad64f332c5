-- wrk script: a party comments on a draft ruling (POST /api/v1/cases/{id}/draft-comments),
-- as prepared by part2.py. Either
--   BENCH_DRAFTS="id:token id:token …" (part2.py's DRAFT_SPREAD): each request goes to the
--     next of these cases, with that case's party token (the threads start apart), or
--   BENCH_PATH (part2.py's DRAFT_PATH) and BENCH_TOKEN (DRAFT_TOKEN): every request to one case.
-- A party may comment any number of times until the draft's comments_until (the end of
-- the 5th working day after it was issued), so every request can get 201; the text varies.
local targets, position = {}, 0
local body = [[{"text":"In het concept staat dat ik sinds april ziek ben; dat is sinds 2 maart (opmerking %d).","medical":false}]]
local counter = 0
local threads = 0

function setup(thread)
  thread:set("index", threads)
  threads = threads + 1
end

local function target(path, token)
  return {path = path, headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}}
end

function init(args)
  local spread = os.getenv("BENCH_DRAFTS")
  if spread and spread ~= "" then
    for id, token in spread:gmatch("([%x-]+):(%S+)") do
      targets[#targets + 1] = target("/api/v1/cases/" .. id .. "/draft-comments", token)
    end
  elseif os.getenv("BENCH_PATH") and os.getenv("BENCH_TOKEN") then
    targets[1] = target(os.getenv("BENCH_PATH"), os.getenv("BENCH_TOKEN"))
  end
  if #targets == 0 then error("set BENCH_DRAFTS, or BENCH_PATH and BENCH_TOKEN") end
  -- wrk's check call of request() runs before setup() gave the thread its index.
  position = math.floor((index or 0) * #targets / 2)
end

function request()
  counter = counter + 1
  position = position % #targets + 1
  local t = targets[position]
  return wrk.format("POST", t.path, t.headers, string.format(body, counter))
end

-- wrk counts answers other than 2xx/3xx; print them so a broken run cannot pass as fast.
function done(summary, latency, requests)
  io.write(string.format("non-2xx responses: %d\n", summary.errors.status))
end
