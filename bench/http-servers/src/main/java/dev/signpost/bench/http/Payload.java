package dev.signpost.bench.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What every candidate answers: the same ~600 bytes of JSON (one catalog service entry, Consul's shape), and the
 * path that parks a request the way a blocking query does.
 */
final class Payload {
    /** Answered to GET on any path but {@link #PARK_PATH}. */
    static final byte[] JSON = ("""
            [{"ID":"0b6e6f1a-3d2c-4f5e-9a8b-7c6d5e4f3a2b","Node":"node-1","Address":"10.0.0.1","Datacenter":"dc1",\
            "TaggedAddresses":{"lan":"10.0.0.1","wan":"10.0.0.1"},"NodeMeta":{"consul-network-segment":""},\
            "ServiceKind":"","ServiceID":"web-1","ServiceName":"web","ServiceTags":["primary","v1"],\
            "ServiceAddress":"10.0.0.1","ServiceTaggedAddresses":{},"ServiceWeights":{"Passing":1,"Warning":1},\
            "ServiceMeta":{"version":"1.0"},"ServicePort":8080,"ServiceSocketPath":"","ServiceEnableTagOverride":false,\
            "ServiceProxy":{"MeshGateway":{},"Expose":{}},"ServiceConnect":{},"CreateIndex":42,"ModifyIndex":42}]""")
            .getBytes(StandardCharsets.UTF_8);

    /** A GET here is held this long before its answer, as a blocking query with nothing new to report. */
    static final String PARK_PATH = "/park";
    static final Duration PARK_TIME = Duration.ofMinutes(10);

    static final String CONTENT_TYPE = "application/json";

    private Payload() {
    }

    /** The port to listen on, from the first argument. */
    static int port(String[] args) {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: SERVER PORT");
        }
        return Integer.parseInt(args[0]);
    }

    /** Holds the calling (virtual) thread like a blocking query that sees no change. */
    static void park() {
        try {
            Thread.sleep(PARK_TIME);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The line the run script waits for. */
    static void ready(String server, int port) {
        System.out.println(server + " listening on 127.0.0.1:" + port + ", " + JSON.length + " bytes per answer");
    }
}
