package dev.signpost.http;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code /v1/agent/host} reports of the machine, in the field names of Consul's answer (gopsutil's):
 * memory, CPUs, host, the root disk. Figures the JVM cannot see are 0 or empty. Reads the machine each call.
 */
final class HostInfo {
    private HostInfo() {
    }

    static Map<String, Object> collect() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        out.put("Memory", memory());
        out.put("CPU", cpus());
        out.put("Host", host(errors));
        out.put("Disk", disk());
        out.put("CollectionTime", System.currentTimeMillis() * 1_000_000L);
        out.put("Errors", errors.isEmpty() ? null : errors);
        return out;
    }

    private static Map<String, Object> memory() {
        Map<String, Object> m = new LinkedHashMap<>();
        long total = 0;
        long free = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            total = os.getTotalMemorySize();
            free = os.getFreeMemorySize();
        }
        m.put("total", total);
        m.put("available", free);
        m.put("used", total - free);
        m.put("usedPercent", total == 0 ? 0.0 : 100.0 * (total - free) / total);
        m.put("free", free);
        return m;
    }

    private static List<Map<String, Object>> cpus() {
        List<Map<String, Object>> cpus = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("cpu", i);
            cpu.put("cores", 1);
            cpu.put("modelName", "");
            cpu.put("mhz", 0);
            cpus.add(cpu);
        }
        return cpus;
    }

    private static Map<String, Object> host(List<String> errors) {
        Map<String, Object> h = new LinkedHashMap<>();
        String hostname = "";
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            errors.add("hostname: " + e.getMessage());
        }
        long uptime = 0;
        try {
            uptime = (long) Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            // not Linux, or /proc hidden: Consul reports 0 then too
        }
        h.put("hostname", hostname);
        h.put("uptime", uptime);
        h.put("bootTime", uptime == 0 ? 0 : System.currentTimeMillis() / 1000 - uptime);
        h.put("procs", ProcessHandle.allProcesses().count());
        h.put("os", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT));
        h.put("platform", "");
        h.put("platformFamily", "");
        h.put("platformVersion", "");
        h.put("kernelVersion", System.getProperty("os.version"));
        h.put("kernelArch", System.getProperty("os.arch"));
        h.put("virtualizationSystem", "");
        h.put("virtualizationRole", "");
        h.put("hostid", "");
        return h;
    }

    private static Map<String, Object> disk() {
        File root = new File("/");
        long total = root.getTotalSpace();
        long free = root.getUsableSpace();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("path", "/");
        d.put("fstype", "");
        d.put("total", total);
        d.put("free", free);
        d.put("used", total - free);
        d.put("usedPercent", total == 0 ? 0.0 : 100.0 * (total - free) / total);
        return d;
    }
}
