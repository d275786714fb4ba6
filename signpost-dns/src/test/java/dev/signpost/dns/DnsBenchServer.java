package dev.signpost.dns;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Signpost's DNS alone, for bench/dns/run and for trying dig by hand: a catalog with one service of N instances
 * ({@code web}, nodes {@code node-0..}, addresses 10.0.0.1..) and the seed's {@code webapp}, served on 127.0.0.1.
 *
 * <pre>{@code java -cp CLASSPATH dev.signpost.dns.DnsBenchServer PORT [INSTANCES]}</pre>
 *
 * Runs until killed.
 */
public final class DnsBenchServer {
    private DnsBenchServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: DnsBenchServer PORT [INSTANCES]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        TestCatalog catalog = TestCatalog.many("web", instances);
        catalog.node("8b716e39cc09", "10.111.222.36")
                .service("8b716e39cc09", "6402f685c105:z001:5000", "webapp", 32770)
                .service("8b716e39cc09", "6402f685c105:z002:5000", "webapp", 32771)
                .service("8b716e39cc09", "6402f685c105:z003:5000", "webapp", 32772);
        DnsConfig config = DnsConfig.builder().bind("127.0.0.1").port(port).build();
        DnsServer server = DnsServer.builder().config(config)
                .resolver(new DnsResolver(config, catalog.store::read, ThreadLocalRandom.current(), Recursor.none()))
                .build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("ready on 127.0.0.1:" + server.port());
        new CountDownLatch(1).await();
    }
}
