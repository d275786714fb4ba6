package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import java.util.List;

import org.xbill.DNS.Record;

/**
 * One answer record and the ADDITIONAL records that belong to it (an SRV target's A record). Trimming a response
 * drops whole answers, so no additional record outlives the answer that needed it.
 */
record Answer(Record record, List<Record> additional) {
    Answer {
        requireNonNull(record, "record");
        additional = List.copyOf(additional);
    }

    static Answer of(Record record) {
        return new Answer(record, List.of());
    }
}
