-- wrk (LuaJIT 5.1) script: PUT /v1/agent/service/register with a new service ID on every request.
-- Arguments after "--": a prefix that keeps IDs distinct across runs (default "bench").
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = here .. "../lib/?.lua;" .. package.path
local writes = require "writes"

local json = { ["Content-Type"] = "application/json" }

setup = writes.number_threads

function init(args)
    writes.set_prefix(args[1])
end

function request()
    local id, n = writes.next_id()
    return wrk.format("PUT", "/v1/agent/service/register", json, writes.service(id, n))
end
