-- wrk (LuaJIT 5.1) script: one replicated write per request, a new key or service ID every time.
-- Arguments after "--": MODE PREFIX
--   kv              PUT /v1/kv/bench/<id> with a 100-byte value                  (Signpost)
--   register        PUT /v1/agent/service/register with a new service ID         (Signpost)
--   etcd-kv         POST /v3/kv/put of key bench/<id>, the same 100-byte value   (etcd's JSON gateway)
--   etcd-register   POST /v3/kv/put of key services/<id>, the same service JSON  (etcd's JSON gateway)
-- PREFIX keeps keys and IDs distinct across runs and across wrk processes (default "bench").
local counter = 0
local mode = "kv"
local prefix = "bench"
local thread_ids = 0
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
local kv_value = string.rep("signpost-cluster-write-", 5):sub(1, 100)

function setup(thread)
    thread_ids = thread_ids + 1
    thread:set("thread_id", thread_ids)
end

function init(args)
    if args[1] then mode = args[1] end
    if args[2] then prefix = args[2] end
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

local function service(id)
    return string.format(
        '{"ID":"%s","Name":"web","Address":"10.1.%d.%d","Port":%d,"Tags":["primary","v1"],"Meta":{"version":"1.0"}}',
        id, math.floor(counter / 250) % 250, counter % 250 + 1, 20000 + counter % 10000)
end

local json = { ["Content-Type"] = "application/json" }

function request()
    counter = counter + 1
    local id = string.format("%s-%d-%d", prefix, thread_id, counter)
    if mode == "kv" then
        return wrk.format("PUT", "/v1/kv/bench/" .. id, nil, kv_value)
    elseif mode == "register" then
        return wrk.format("PUT", "/v1/agent/service/register", json, service(id))
    elseif mode == "etcd-kv" then
        local body = string.format('{"key":"%s","value":"%s"}', base64("bench/" .. id), base64(kv_value))
        return wrk.format("POST", "/v3/kv/put", json, body)
    else -- etcd-register
        local body = string.format('{"key":"%s","value":"%s"}', base64("services/" .. id), base64(service(id)))
        return wrk.format("POST", "/v3/kv/put", json, body)
    end
end
