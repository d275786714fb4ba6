package dev.signpost.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Jackson mappers whose read and write buffers are shared by all threads. Jackson's default buffer pool
 * is per thread, and a virtual thread (every HTTP request here runs on one) never comes back for its
 * buffers: a leader taking registrations allocated 12 KB of fresh buffers for each command it encoded,
 * a quarter of everything it allocated.
 */
public final class JsonMappers {
    private JsonMappers() {
    }

    /** A mapper builder over a factory of its own that draws buffers from Jackson's shared bounded pool. */
    public static JsonMapper.Builder builder() {
        return JsonMapper.builder(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build());
    }
}
