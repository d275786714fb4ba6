-- What the wrk write benchmarks send, shared by cluster-write/write.lua, register/register.lua and
-- register/etcd-put.lua (LuaJIT 5.1). wrk loads a script, and so this module, once per thread: the ID prefix and
-- counter below are each thread's own.
-- A script loads it relative to its own file, so wrk may run from any directory:
--   local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
--   package.path = here .. "../lib/?.lua;" .. package.path
--   local writes = require "writes"
local writes = {}

local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local json = { ["Content-Type"] = "application/json" }
local thread_ids = 0
local prefix = "bench"
local count = 0
local cycle = nil

-- wrk's setup(thread), run in its main state: gives each thread's state a global thread_id, 1, 2, ...
function writes.number_threads(thread)
    thread_ids = thread_ids + 1
    thread:set("thread_id", thread_ids)
end

-- Sets the prefix of this thread's IDs, from a script's init(args); nil keeps "bench". A prefix keeps keys and IDs
-- distinct across runs and across wrk processes.
function writes.set_prefix(p)
    if p then prefix = p end
end

-- Makes this thread's IDs repeat after N writes (nil: never), so that a warm-up runs the write path without
-- growing the catalog or the key space that the measured writes then land in.
function writes.set_cycle(n)
    cycle = n
end

-- This thread's next write: the ID PREFIX-THREAD_ID-N and N, which counts the thread's writes from 1 (up to the
-- cycle, if one is set, and then from 1 again).
function writes.next_id()
    count = count + 1
    if cycle and count > cycle then count = 1 end
    return string.format("%s-%d-%d", prefix, thread_id, count), count
end

-- RFC 4648 base64 with padding, as etcd's JSON gateway takes keys and values.
function writes.base64(s)
    local out = {}
    for i = 1, #s, 3 do
        local a, b, c = s:byte(i, i + 2)
        local n = a * 65536 + (b or 0) * 256 + (c or 0)
        local chars = 4 - (b and 0 or 1) - (c and 0 or 1)
        for k = 1, 4 do
            if k <= chars then
                local index = math.floor(n / 2 ^ (6 * (4 - k))) % 64
                out[#out + 1] = alphabet:sub(index + 1, index + 1)
            else
                out[#out + 1] = "="
            end
        end
    end
    return table.concat(out)
end

-- The service definition registered as ID; N (the request count) spreads address and port.
function writes.service(id, n)
    return string.format(
        '{"ID":"%s","Name":"web","Address":"10.1.%d.%d","Port":%d,"Tags":["primary","v1"],"Meta":{"version":"1.0"}}',
        id, math.floor(n / 250) % 250, n % 250 + 1, 20000 + n % 10000)
end

-- An etcd v3 put through its JSON gateway: POST /v3/kv/put, key and value base64.
function writes.etcd_put(key, value)
    local body = string.format('{"key":"%s","value":"%s"}', writes.base64(key), writes.base64(value))
    return wrk.format("POST", "/v3/kv/put", json, body)
end

return writes
