-- wrk script: POST /api/v1/cases with a valid employee filing, the employer
-- drawn from 1,000 KvK numbers (some panel members are affiliated with them,
-- so routing has conflicts to avoid).
local body = [[{"filer_role":"employee","filer":{"name":"Sanne de Vries","email":"sanne@example.nl"},
"employee":{"name":"Sanne de Vries"},"employer":{"name":"Werkgever %d B.V.","kvk_number":"%08d","address":{"street":"Marktstraat 1","postal_code":"1011 AA","city":"Amsterdam"}},
"sick_since":"2026-03-02","question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
"occupational_physician":{"name":"J. Bakker","organisation":"ArboNed"},
"medical_information":"Sinds maart behandeld voor een burn-out."}]]

function init(args)
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  local employer = math.random(1, 1000)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, string.format(body, employer, 10000000 + employer))
end

-- wrk counts answers other than 2xx/3xx; print them so a broken run cannot pass as fast.
function done(summary, latency, requests)
  io.write(string.format("non-2xx responses: %d\n", summary.errors.status))
end
