-- wrk (LuaJIT 5.1) script: one replicated write per request, a new key or service ID every time.
-- Arguments after "--": MODE PREFIX [CYCLE]
--   kv              PUT /v1/kv/bench/<id> with a 100-byte value                  (Signpost)
--   register        PUT /v1/agent/service/register with a new service ID         (Signpost)
--   etcd-kv         POST /v3/kv/put of key bench/<id>, the same 100-byte value   (etcd's JSON gateway)
--   etcd-register   POST /v3/kv/put of key services/<id>, the same service JSON  (etcd's JSON gateway)
-- PREFIX keeps keys and IDs distinct across runs and across wrk processes (default "bench"); with CYCLE each wrk
-- thread writes the same CYCLE keys or service IDs over and over (updates instead of new entries).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = here .. "../lib/?.lua;" .. package.path
local writes = require "writes"

local mode = "kv"
local kv_value = string.rep("signpost-cluster-write-", 5):sub(1, 100)

setup = writes.number_threads

function init(args)
    if args[1] then mode = args[1] end
    writes.set_prefix(args[2])
    if args[3] then writes.set_cycle(tonumber(args[3])) end
end

local json = { ["Content-Type"] = "application/json" }

function request()
    local id, n = writes.next_id()
    if mode == "kv" then
        return wrk.format("PUT", "/v1/kv/bench/" .. id, nil, kv_value)
    elseif mode == "register" then
        return wrk.format("PUT", "/v1/agent/service/register", json, writes.service(id, n))
    elseif mode == "etcd-kv" then
        return writes.etcd_put("bench/" .. id, kv_value)
    else -- etcd-register
        return writes.etcd_put("services/" .. id, writes.service(id, n))
    end
end
