-- wrk (LuaJIT 5.1) script: PUT /v1/agent/service/register with a new service ID on every request.
-- Arguments after "--": a prefix that keeps IDs distinct across runs (default "bench").
local counter = 0
local prefix = "bench"
local thread_ids = 0

function setup(thread)
    thread_ids = thread_ids + 1
    thread:set("thread_id", thread_ids)
end

function init(args)
    if args[1] then prefix = args[1] end
end

function request()
    counter = counter + 1
    local id = string.format("%s-%d-%d", prefix, thread_id, counter)
    local body = string.format(
        '{"ID":"%s","Name":"web","Address":"10.1.%d.%d","Port":%d,"Tags":["primary","v1"],"Meta":{"version":"1.0"}}',
        id, math.floor(counter / 250) % 250, counter % 250 + 1, 20000 + counter % 10000)
    return wrk.format("PUT", "/v1/agent/service/register", { ["Content-Type"] = "application/json" }, body)
end
