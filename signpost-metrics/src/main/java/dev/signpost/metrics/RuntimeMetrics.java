package dev.signpost.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Consul's {@code consul.runtime.*} metrics (go-metrics' runtime stats) read from the JVM: threads for
 * goroutines, the heap for allocated bytes, committed memory for the system's, the collectors' time and runs,
 * and each collection's pause as a {@code gc_pause_ns} sample.
 */
public final class RuntimeMetrics {
    private RuntimeMetrics() {
    }

    /** Registers the runtime gauges and listens to the collectors. */
    public static void bind(Metrics metrics) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        metrics.gauge("runtime.num_goroutines", () -> ManagementFactory.getThreadMXBean().getThreadCount());
        metrics.gauge("runtime.alloc_bytes", () -> memory.getHeapMemoryUsage().getUsed());
        metrics.gauge("runtime.sys_bytes", () -> memory.getHeapMemoryUsage().getCommitted()
                + memory.getNonHeapMemoryUsage().getCommitted());
        metrics.gauge("runtime.total_gc_pause_ns",
                () -> collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() * 1_000_000.0);
        metrics.gauge("runtime.total_gc_runs",
                () -> collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum());
        Metrics.Sample pauses = metrics.sample("runtime.gc_pause_ns");
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                .from((CompositeData) notification.getUserData());
                        pauses.add(info.getGcInfo().getDuration() * 1_000_000.0);
                    }
                }, null, null);
            }
        }
    }
}
