-- wrk script: POST /api/v1/cases with a valid employee filing.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"filer_role":"employee","filer":{"name":"Sanne de Vries","email":"sanne@example.nl"},
"employee":{"name":"Sanne de Vries"},"employer":{"name":"Bakkerij Jansen B.V.","kvk_number":"12345678"},
"sick_since":"2026-03-02","question":"De bedrijfsarts vindt dat ik 20 uur kan werken, maar dat lukt mij niet.",
"occupational_physician":{"name":"J. Bakker","organisation":"ArboNed"},
"medical_information":"Sinds maart behandeld voor een burn-out."}]]

-- wrk counts answers other than 2xx/3xx; print them so a broken run cannot pass as fast.
function done(summary, latency, requests)
  io.write(string.format("non-2xx responses: %d\n", summary.errors.status))
end
