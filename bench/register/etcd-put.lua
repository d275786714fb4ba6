-- wrk (LuaJIT 5.1) script: etcd v3 put through its JSON gateway (POST /v3/kv/put) of a new key on every request,
-- its value the same service definition register.lua sends to Signpost. Arguments after "--": a key prefix
-- (default "bench").
local counter = 0
local prefix = "bench"
local thread_ids = 0
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

function setup(thread)
    thread_ids = thread_ids + 1
    thread:set("thread_id", thread_ids)
end

function init(args)
    if args[1] then prefix = args[1] end
end

local function base64(s)
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

function request()
    counter = counter + 1
    local id = string.format("%s-%d-%d", prefix, thread_id, counter)
    local value = string.format(
        '{"ID":"%s","Name":"web","Address":"10.1.%d.%d","Port":%d,"Tags":["primary","v1"],"Meta":{"version":"1.0"}}',
        id, math.floor(counter / 250) % 250, counter % 250 + 1, 20000 + counter % 10000)
    local body = string.format('{"key":"%s","value":"%s"}', base64("services/" .. id), base64(value))
    return wrk.format("POST", "/v3/kv/put", { ["Content-Type"] = "application/json" }, body)
end
