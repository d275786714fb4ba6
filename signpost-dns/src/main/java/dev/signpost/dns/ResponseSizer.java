package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import dev.signpost.dns.Outcome.Reply;

/**
 * Fits a response into what its transport carries, Consul's way ({@code trimUDPResponse}): at most
 * {@code answerLimit} answers when only 512 bytes are allowed, then whole answers (with their ADDITIONAL records)
 * are dropped from the end until the message fits. The TC bit is set only when asked to: Consul by default
 * "truncates the results without setting the truncate bit", so stub resolvers use what they got instead of
 * retrying over TCP.
 *
 * <p>Stateless and thread-safe.
 */
final class ResponseSizer {
    private ResponseSizer() {
    }

    /** A response before its size is known; the header carries flags and RCODE, no counts. */
    record Draft(Header header, Record question, List<Answer> answers, List<Record> authority,
                 Optional<OPTRecord> opt) {
        Draft {
            requireNonNull(header, "header");
            requireNonNull(question, "question");
            answers = List.copyOf(answers);
            authority = List.copyOf(authority);
            requireNonNull(opt, "opt");
        }
    }

    static Reply fit(Draft draft, int maxSize, int answerLimit, boolean flagTruncation) {
        int total = draft.answers().size();
        int count = maxSize <= Transport.CLASSIC_UDP_SIZE ? Math.min(total, answerLimit) : total;
        Message message = assemble(draft, count);
        byte[] wire = message.toWire();
        if (wire.length > maxSize) {
            // Wire size grows with the answer count, so the largest count that fits is found by bisection.
            int low = 0;
            int high = count - 1;
            Message best = null;
            byte[] bestWire = null;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                Message candidate = assemble(draft, mid);
                byte[] candidateWire = candidate.toWire();
                if (candidateWire.length <= maxSize) {
                    best = candidate;
                    bestWire = candidateWire;
                    count = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            if (best == null) {
                // Not even the question and authority fit (a tiny limit): dnsjava cuts and sets TC, as it must.
                return new Reply(message, message.toWire(maxSize));
            }
            message = best;
            wire = bestWire;
        }
        if (count < total && flagTruncation) {
            message.getHeader().setFlag(Flags.TC);
            wire = message.toWire();
        }
        return new Reply(message, wire);
    }

    private static Message assemble(Draft draft, int answers) {
        Message message = new Message(draft.header().getID()); // no random ID drawn just to be replaced
        message.setHeader(draft.header().clone());
        message.addRecord(draft.question(), Section.QUESTION);
        for (int i = 0; i < answers; i++) {
            message.addRecord(draft.answers().get(i).record(), Section.ANSWER);
        }
        for (Record record : draft.authority()) {
            message.addRecord(record, Section.AUTHORITY);
        }
        for (int i = 0; i < answers; i++) {
            for (Record record : draft.answers().get(i).additional()) {
                message.addRecord(record, Section.ADDITIONAL);
            }
        }
        draft.opt().ifPresent(opt -> message.addRecord(opt, Section.ADDITIONAL));
        return message;
    }
}
