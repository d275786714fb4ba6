-- wrk (LuaJIT 5.1) script: etcd v3 put through its JSON gateway (POST /v3/kv/put) of a new key on every request,
-- its value the same service definition register.lua sends to Signpost. Arguments after "--": a key prefix
-- (default "bench").
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
package.path = here .. "../lib/?.lua;" .. package.path
local writes = require "writes"

local counter = 0
local prefix = "bench"

setup = writes.number_threads

function init(args)
    if args[1] then prefix = args[1] end
end

function request()
    counter = counter + 1
    local id = string.format("%s-%d-%d", prefix, thread_id, counter)
    return writes.etcd_put("services/" .. id, writes.service(id, counter))
end
