package dev.signpost.cli;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The go-sockaddr templates Consul takes in {@code -bind}, {@code -advertise} and {@code -client}, in their
 * common forms: {@code {{ GetPrivateIP }}}, {@code {{ GetPublicIP }}}, {@code {{ GetInterfaceIP "eth0" }}}
 * and {@code {{ GetPrivateIPs }}} / {@code {{ GetPublicIPs }}} (space-separated). Other template text is
 * refused with Consul's message rather than taken as an address.
 */
final class AddressTemplates {
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*(\\w+)(?:\\s+\"([^\"]*)\")?\\s*}}");

    private AddressTemplates() {
    }

    /** The value with each template replaced by the addresses it names; plain addresses pass unchanged. */
    static String expand(String key, String value) {
        if (!value.contains("{{")) {
            return value;
        }
        Matcher m = TEMPLATE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(evaluate(key, value, m.group(1), m.group(2))));
        }
        m.appendTail(out);
        if (out.toString().contains("{{")) {
            throw failure(key, value, "only GetPrivateIP(s), GetPublicIP(s) and GetInterfaceIP \"NAME\" are supported");
        }
        return out.toString().strip();
    }

    private static String evaluate(String key, String value, String function, String argument) {
        List<String> found = switch (function) {
            case "GetPrivateIP", "GetPrivateIPs" -> privateIpv4s();
            case "GetPublicIP", "GetPublicIPs" -> ipv4s(null, false);
            case "GetInterfaceIP", "GetInterfaceIPs" -> {
                if (argument == null) {
                    throw failure(key, value, function + " needs an interface name");
                }
                yield ipv4s(argument, null);
            }
            default -> throw failure(key, value, "function \"" + function + "\" not defined");
        };
        if (found.isEmpty()) {
            throw failure(key, value, "no address matches " + function + (argument == null ? "" : " \"" + argument + "\""));
        }
        return function.endsWith("IPs") ? String.join(" ", found) : found.get(0);
    }

    /** The host's private (RFC 1918) IPv4 addresses: what 0.0.0.0 advertises, and {@code GetPrivateIP}. */
    static List<String> privateIpv4s() {
        return ipv4s(null, true);
    }

    /** Up, non-loopback IPv4 addresses: on one interface, or private (RFC 1918) or public ones. */
    private static List<String> ipv4s(String interfaceName, Boolean privateOnes) {
        List<String> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || (interfaceName != null && !nic.getName().equals(interfaceName))) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (!(address instanceof Inet4Address) || address.isLoopbackAddress() && interfaceName == null) {
                        continue;
                    }
                    if (privateOnes == null || privateOnes == address.isSiteLocalAddress()) {
                        out.add(address.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            throw new Main.UsageException("cannot list network interfaces: " + e.getMessage());
        }
        return out;
    }

    private static Main.UsageException failure(String key, String value, String reason) {
        return new Main.UsageException("Unable to parse " + key + " template \"" + value + "\": " + reason);
    }
}
