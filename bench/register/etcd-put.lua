-- wrk (LuaJIT 5.1) script: etcd v3 put through its JSON gateway (POST /v3/kv/put) of a new key on every request,
-- its value the same service definition register.lua sends to Signpost. Arguments after "--": a key prefix
-- (default "bench").
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = here .. "../lib/?.lua;" .. package.path
local writes = require "writes"

setup = writes.number_threads

function init(args)
    writes.set_prefix(args[1])
end

function request()
    local id, n = writes.next_id()
    return writes.etcd_put("services/" .. id, writes.service(id, n))
end
