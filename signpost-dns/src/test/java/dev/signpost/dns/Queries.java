package dev.signpost.dns;

import java.util.List;
import java.util.Random;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Query building and answer reading shared by the tests. */
final class Queries {
    private Queries() {
    }

    static Message query(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name.endsWith(".") ? name : name + "."),
                type, DClass.IN));
    }

    static Message ednsQuery(String name, int type, int payloadSize) {
        Message query = query(name, type);
        query.addRecord(new OPTRecord(payloadSize, 0, 0), Section.ADDITIONAL);
        return query;
    }

    static DnsResolver resolver(DnsConfig config, TestCatalog catalog) {
        return new DnsResolver(config, catalog.store::read, new Random(42), Recursor.none());
    }

    static DnsResolver resolver(TestCatalog catalog) {
        return resolver(DnsConfig.defaults(), catalog);
    }

    /** Each record of a section as dig prints it: name, TTL, class, type, data. */
    static List<String> section(Message message, int section) {
        return message.getSection(section).stream().filter(r -> !(r instanceof OPTRecord))
                .map(Record::toString).map(s -> s.replaceAll("\\s+", " ")).toList();
    }

    static List<String> answers(Message message) {
        return section(message, Section.ANSWER);
    }

    static List<String> additional(Message message) {
        return section(message, Section.ADDITIONAL);
    }

    static List<String> authority(Message message) {
        return section(message, Section.AUTHORITY);
    }
}
