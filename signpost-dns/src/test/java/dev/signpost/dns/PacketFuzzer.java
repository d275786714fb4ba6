package dev.signpost.dns;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Hostile DNS packets from a seeded random source: noise, cut and bit-flipped queries, compression loops, huge
 * section counts, responses, odd opcodes, types and classes, and valid queries in between.
 */
final class PacketFuzzer {
    private static final List<String> NAMES = List.of("webapp.service.consul.", "web.service.consul.",
            "_webapp._tcp.consul.", "8b716e39cc09.node.dc1.consul.", "0a6fde24.addr.consul.", "consul.",
            "nope.service.dc9.consul.", "36.222.111.10.in-addr.arpa.", "example.com.", "a.b.c.d.e.f.consul.");
    private static final int[] TYPES = {Type.A, Type.AAAA, Type.SRV, Type.ANY, Type.TXT, Type.SOA, Type.NS,
            Type.PTR, Type.AXFR, Type.IXFR, Type.MX, 0, 65535, 251};

    private final Random random;

    PacketFuzzer(long seed) {
        this.random = new Random(seed);
    }

    byte[] next() {
        return switch (random.nextInt(10)) {
            case 0 -> noise(random.nextInt(600));
            case 1 -> cut(valid());
            case 2 -> flipped(valid());
            case 3 -> compressionLoop();
            case 4 -> hugeCounts();
            case 5 -> withHeaderBits(valid());
            case 6 -> longLabels();
            case 7 -> noise(random.nextInt(12));
            case 8 -> withOddEdns();
            default -> valid();
        };
    }

    byte[] valid() {
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString(
                NAMES.get(random.nextInt(NAMES.size()))), TYPES[random.nextInt(TYPES.length)],
                random.nextInt(8) == 0 ? DClass.CH : DClass.IN));
        if (random.nextBoolean()) {
            query.addRecord(new OPTRecord(random.nextInt(70_000) & 0xFFFF, 0, 0), Section.ADDITIONAL);
        }
        return query.toWire();
    }

    private byte[] cut(byte[] packet) {
        return Arrays.copyOf(packet, random.nextInt(packet.length));
    }

    private byte[] noise(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] flipped(byte[] packet) {
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
        }
        return packet;
    }

    /** RFC 1035 4.1.4 pointers that point at themselves, at each other, or past the end. */
    private byte[] compressionLoop() {
        ByteBuffer b = ByteBuffer.allocate(40);
        b.putShort((short) random.nextInt(65536)).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        switch (random.nextInt(3)) {
            case 0 -> b.put((byte) 0xC0).put((byte) 12);
            case 1 -> b.put((byte) 1).put((byte) 'a').put((byte) 0xC0).put((byte) 15).put((byte) 0xC0)
                    .put((byte) 12);
            default -> b.put((byte) 0xFF).put((byte) 0xFF);
        }
        b.putShort((short) Type.A).putShort((short) DClass.IN);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** A real question, but header counts promising 65535 records of every section. */
    private byte[] hugeCounts() {
        byte[] packet = valid();
        for (int i = 4; i < 12; i++) {
            packet[i] = (byte) (random.nextBoolean() ? 0xFF : packet[i]);
        }
        return packet;
    }

    /** QR set (a response), opcodes 1-15, TC, Z bits. */
    private byte[] withHeaderBits(byte[] packet) {
        packet[2] = (byte) random.nextInt(256);
        packet[3] = (byte) random.nextInt(256);
        return packet;
    }

    private byte[] longLabels() {
        ByteBuffer b = ByteBuffer.allocate(700);
        b.putShort((short) random.nextInt(65536)).putShort((short) 0x0100).putShort((short) 1).putShort((short) 0)
                .putShort((short) 0).putShort((short) 0);
        for (int i = random.nextInt(12); i > 0; i--) {
            int length = random.nextInt(64) | (random.nextInt(4) == 0 ? 0x40 : 0); // 0x40: an undefined label type
            b.put((byte) length);
            for (int j = 0; j < (length & 0x3F); j++) {
                b.put((byte) ('a' + random.nextInt(26)));
            }
        }
        b.put((byte) 0).putShort((short) Type.SRV).putShort((short) DClass.IN);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Two OPT records, or OPT in the wrong section, or EDNS versions we do not speak. */
    private byte[] withOddEdns() {
        Message query = Message.newQuery(Record.newRecord(Name.fromConstantString("webapp.service.consul."),
                Type.SRV, DClass.IN));
        query.addRecord(new OPTRecord(random.nextInt(65536), 0, random.nextInt(3)), Section.ADDITIONAL);
        query.addRecord(new OPTRecord(512, 0, 0), random.nextBoolean() ? Section.ADDITIONAL : Section.ANSWER);
        return query.toWire();
    }
}
