package dev.signpost.dns;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ClientSubnetOption;
import org.xbill.DNS.DClass;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import dev.signpost.core.acl.Authorizer;
import dev.signpost.dns.QueryName.AddrName;
import dev.signpost.dns.QueryName.Apex;
import dev.signpost.dns.QueryName.ConnectName;
import dev.signpost.dns.QueryName.Foreign;
import dev.signpost.dns.QueryName.Invalid;
import dev.signpost.dns.QueryName.NameServer;
import dev.signpost.dns.QueryName.NodeName;
import dev.signpost.dns.QueryName.OtherDatacenter;
import dev.signpost.dns.QueryName.PreparedQueryName;
import dev.signpost.dns.QueryName.ReverseName;
import dev.signpost.dns.QueryName.ServiceName;
import dev.signpost.dns.ResponseSizer.Draft;
import dev.signpost.dns.Outcome.Forward;
import dev.signpost.dns.Outcome.Reply;
import dev.signpost.dns.Outcome.Silence;
import dev.signpost.metrics.Metrics;

/**
 * Answers DNS queries from the local catalog, Consul's way; no sockets. Every RCODE is decided here: an unknown
 * name, a service without healthy instances, an unknown prepared query or one that finds nothing, an unknown node or
 * datacenter are NXDOMAIN with the SOA in AUTHORITY; a prepared query that cannot be resolved is SERVFAIL;
 * a known name without records of the asked type is NODATA (NOERROR, no answer, the SOA: RFC 2308 2.2); names
 * outside the domain are REFUSED unless recursors are configured, then forwarded (SERVFAIL when all fail); zone
 * transfers are NOTIMP; a packet whose header reads but whose body does not is FORMERR.
 *
 * <p>For the agent:
 * <pre>{@code
 * DnsResolver resolver = new DnsResolver(config, catalogStore::read, ThreadLocalRandom.current(),
 *         Recursor.of(config));
 * }</pre>
 *
 * <p>Thread-safe: called concurrently by the server's request threads. The random generator is shared by them,
 * so it must be safe for concurrent use ({@code ThreadLocalRandom.current()}, or a seeded {@code java.util.Random}
 * in tests). Recursion blocks for up to the recursor's timeout.
 */
public final class DnsResolver {
    private static final Logger log = LoggerFactory.getLogger(DnsResolver.class);

    /** The UDP payload size this server advertises in its own OPT record (RFC 6891 6.2.3). */
    static final int ADVERTISED_PAYLOAD = 4096;

    private final DnsConfig config;
    private final CatalogLookups lookups;
    private final Records records;
    private final Recursor recursor;
    private final LongAdder internalErrors = new LongAdder();
    private Metrics.Sample domainQueries = Metrics.none().sample("dns.domain_query");
    private Metrics.Sample ptrQueries = domainQueries;

    /**
     * @param config domain, datacenter, TTLs, limits and whether to recurse
     * @param catalog runs a read on the local catalog ({@code catalogStore::read})
     * @param random shuffles answers; must be safe for concurrent use
     * @param recursor forwards names outside the domain when {@code config.recursors()} is not empty
     */
    public DnsResolver(DnsConfig config, CatalogReader catalog, RandomGenerator random, Recursor recursor) {
        this(config, catalog, random, recursor, () -> Authorizer.of(Authorizer.DefaultPolicy.MANAGE));
    }

    /**
     * A resolver under ACLs: it answers only with services and nodes the authorizer may read (Consul's DNS uses the
     * agent's default token). The supplier is asked once per lookup, so a changed token applies at once.
     */
    public DnsResolver(DnsConfig config, CatalogReader catalog, RandomGenerator random, Recursor recursor,
                       Supplier<Authorizer> authorizer) {
        this(config, catalog, random, recursor, authorizer, secret -> authorizer.get(), () -> "");
    }

    /**
     * A resolver under ACLs that also knows who it serves for prepared queries: a query with its own token executes
     * with what {@code tokenRights} gives that secret, and {@code _agent} means {@code nodeName}.
     */
    public DnsResolver(DnsConfig config, CatalogReader catalog, RandomGenerator random, Recursor recursor,
                       Supplier<Authorizer> authorizer, Function<String, Authorizer> tokenRights,
                       Supplier<String> nodeName) {
        this.config = requireNonNull(config, "config");
        this.records = new Records(config);
        this.lookups = new CatalogLookups(config, requireNonNull(catalog, "catalog"), records,
                requireNonNull(random, "random"), requireNonNull(authorizer, "authorizer"),
                requireNonNull(tokenRights, "tokenRights"), requireNonNull(nodeName, "nodeName"));
        this.recursor = requireNonNull(recursor, "recursor");
    }

    /**
     * What to send for a wire query, deciding everything that does not need a recursor: {@link Silence} for fewer
     * than 12 bytes (no header to answer to) or a packet that is itself a response (answering it could start a
     * loop between two servers); FORMERR when the header reads but the rest does not; {@link Forward} for names
     * a recursor must answer. Never blocks.
     */
    Outcome answerLocally(byte[] packet, int length, Transport transport) {
        return answerLocally(packet, length, transport, "");
    }

    /** {@link #answerLocally(byte[], int, Transport)} for a client at {@code clientIp} ("" when unknown). */
    Outcome answerLocally(byte[] packet, int length, Transport transport, String clientIp) {
        if (length < Header.LENGTH) {
            return new Silence();
        }
        Header header;
        Message query;
        try {
            header = new Header(packet); // reads the first 12 bytes only
        } catch (IOException e) {
            return new Silence();
        }
        if (header.getFlag(Flags.QR)) {
            return new Silence();
        }
        try {
            query = new Message(length == packet.length ? packet : Arrays.copyOf(packet, length));
        } catch (IOException | RuntimeException e) {
            log.debug("dns: malformed query {} ({}): {}", header.getID(), transport, e.getMessage());
            Message formatError = reply(header, Rcode.FORMERR);
            return new Reply(formatError, formatError.toWire());
        }
        return answer(query, transport, clientIp);
    }

    /** Asks the recursors for a {@link Forward}ed query; blocks up to their timeouts. SERVFAIL if none answers. */
    Reply forward(Forward forward) {
        Message query = forward.query();
        try {
            return recurse(query, forward.maxSize());
        } catch (RuntimeException e) {
            return internalError(query, forward.maxSize(), e);
        }
    }

    /** The wire response to a wire query, forwarding on this thread if needed; empty when none must be sent. */
    Optional<byte[]> respond(byte[] packet, int length, Transport transport) {
        return respond(packet, length, transport, "");
    }

    /** {@link #respond(byte[], int, Transport)} for a client at {@code clientIp} ("" when unknown). */
    Optional<byte[]> respond(byte[] packet, int length, Transport transport, String clientIp) {
        return switch (answerLocally(packet, length, transport, clientIp)) {
            case Reply reply -> Optional.of(reply.wire());
            case Silence silence -> Optional.empty();
            case Forward forward -> Optional.of(forward(forward).wire());
        };
    }

    /** The response to a parsed query, fitted to what the transport carries, forwarding on this thread if needed. */
    Message resolve(Message query, Transport transport) {
        return resolve(query, transport, "");
    }

    /** {@link #resolve(Message, Transport)} for a client at {@code clientIp} ("" when unknown). */
    Message resolve(Message query, Transport transport, String clientIp) {
        return switch (answer(query, transport, clientIp)) {
            case Reply reply -> reply.message();
            case Forward forward -> forward(forward).message();
            case Silence silence -> throw new IllegalStateException("a parsed query is always answered");
        };
    }

    /**
     * Times each answer as Consul's {@code consul.dns.ptr_query} (reverse lookups) or {@code consul.dns.domain_query}
     * (everything else). Call before the server starts.
     */
    public DnsResolver meteredBy(Metrics metrics) {
        domainQueries = metrics.sample("dns.domain_query");
        ptrQueries = metrics.sample("dns.ptr_query");
        return this;
    }

    /** How many queries failed on a bug rather than on their input; each was answered SERVFAIL. */
    long internalErrors() {
        return internalErrors.sum();
    }

    private Outcome answer(Message query, Transport transport, String clientIp) {
        long started = System.nanoTime();
        try {
            return answerChecked(query, transport, clientIp);
        } catch (RuntimeException e) {
            return internalError(query, transport.maxResponseSize(query.getOPT()), e);
        } finally {
            Record question = query.getQuestion();
            (question != null && question.getType() == Type.PTR ? ptrQueries : domainQueries).since(started);
        }
    }

    private Reply internalError(Message query, int maxSize, RuntimeException e) {
        internalErrors.increment();
        log.error("dns: internal error answering {}; answered SERVFAIL", query.getQuestion(), e);
        Message failure = reply(query.getHeader(), Rcode.SERVFAIL);
        Optional.ofNullable(query.getQuestion()).ifPresent(q -> failure.addRecord(q, Section.QUESTION));
        return new Reply(failure, failure.toWire(maxSize));
    }

    private Outcome answerChecked(Message query, Transport transport, String clientIp) {
        Header header = query.getHeader();
        Record question = query.getQuestion();
        OPTRecord opt = query.getOPT();
        int maxSize = transport.maxResponseSize(opt);
        if (header.getOpcode() != Opcode.QUERY) {
            return small(query, reply(header, Rcode.NOTIMP), maxSize);
        }
        if (question == null || header.getCount(Section.QUESTION) != 1) {
            return small(query, reply(header, Rcode.FORMERR), maxSize);
        }
        if (opt != null && opt.getVersion() != 0) {
            // RFC 6891 6.1.3: an EDNS version we do not implement is BADVERS, with our OPT at version 0.
            Message badVersion = reply(header, Rcode.BADVERS & 0xF);
            badVersion.addRecord(question, Section.QUESTION);
            badVersion.addRecord(new OPTRecord(ADVERTISED_PAYLOAD, Rcode.BADVERS >>> 4, 0), Section.ADDITIONAL);
            return new Reply(badVersion, badVersion.toWire(maxSize));
        }
        int qtype = question.getType();
        Name qname = question.getName();
        if (qtype == Type.AXFR || qtype == Type.IXFR) {
            return small(query, reply(header, Rcode.NOTIMP), maxSize);
        }
        if (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY) {
            return small(query, reply(header, Rcode.REFUSED), maxSize);
        }
        QueryName parsed = QueryName.parse(qname, qtype, config.domain(), config.datacenter());
        if (parsed instanceof PreparedQueryName q) {
            try {
                return authoritative(query, lookups.preparedQuery(qname, qtype, q.query(), answersWorthMaking(maxSize),
                        sourceIp(opt, clientIp)), maxSize);
            } catch (CatalogLookups.QueryFailure e) {
                log.debug("dns: prepared query {} failed: {}; answered SERVFAIL", q.query(), e.getMessage());
                return small(query, reply(header, Rcode.SERVFAIL), maxSize);
            }
        }
        Lookup lookup = switch (parsed) {
            case Foreign f -> Lookup.NO_NAME; // not ours to answer: forwarded or refused below
            case ReverseName r -> lookups.reverse(qname, qtype, r.address());
            case Apex a -> apex(qtype);
            case NameServer n -> nameServer(qname, qtype);
            case PreparedQueryName q -> throw new IllegalStateException("answered above");
            case ServiceName s -> lookups.service(qname, qtype, s.service(), s.tag(), answersWorthMaking(maxSize));
            case ConnectName c -> lookups.connect(qname, qtype, c.service(), answersWorthMaking(maxSize));
            case NodeName n -> lookups.node(qname, qtype, n.node());
            case AddrName a -> Lookup.of(Records.answers(qtype, a.address())
                    ? List.of(Answer.of(Records.address(qname, a.address(), 0))) : List.of());
            case OtherDatacenter d -> {
                log.debug("dns: unknown datacenter {} in {}", d.datacenter(), qname);
                yield Lookup.NO_NAME;
            }
            case Invalid i -> {
                log.debug("dns: QName invalid: {}", qname);
                yield Lookup.NO_NAME;
            }
        };
        boolean foreign = parsed instanceof Foreign
                || (parsed instanceof ReverseName && !lookup.nameExists() && config.recurses());
        if (foreign) {
            return config.recurses() ? new Forward(query, maxSize)
                    : small(query, reply(header, Rcode.REFUSED), maxSize);
        }
        return authoritative(query, lookup, maxSize);
    }

    /** Consul's query source: the EDNS client subnet's address when the query has one, else the client's. */
    private static String sourceIp(OPTRecord opt, String clientIp) {
        if (opt != null) {
            for (EDNSOption option : opt.getOptions(EDNSOption.Code.CLIENT_SUBNET)) {
                if (option instanceof ClientSubnetOption subnet) {
                    return subnet.getAddress().getHostAddress();
                }
            }
        }
        return clientIp;
    }

    private Reply authoritative(Message query, Lookup lookup, int maxSize) {
        Header header = replyHeader(query.getHeader(), lookup.nameExists() ? Rcode.NOERROR : Rcode.NXDOMAIN);
        header.setFlag(Flags.AA);
        List<Record> authority = lookup.answers().isEmpty() ? List.of(records.soa(lookups.serial())) : List.of();
        Optional<OPTRecord> opt = Optional.ofNullable(query.getOPT())
                .map(o -> new OPTRecord(ADVERTISED_PAYLOAD, 0, 0));
        Draft draft = new Draft(header, query.getQuestion(), lookup.answers(), authority, opt);
        return ResponseSizer.fit(draft, maxSize, config.udpAnswerLimit(), config.enableTruncate());
    }

    /**
     * How many answers are worth making: Consul's {@code udp_answer_limit} binds only responses held to the classic
     * 512 bytes. One more than the limit, so the sizer still sees that answers were left out (the TC bit).
     */
    private int answersWorthMaking(int maxSize) {
        int limit = config.udpAnswerLimit();
        return maxSize <= Transport.CLASSIC_UDP_SIZE && limit < Integer.MAX_VALUE ? limit + 1 : Integer.MAX_VALUE;
    }

    /** The domain itself: its SOA, and NS {@code ns.<domain>} with this server's address as glue. */
    private Lookup apex(int qtype) {
        Answer soa = Answer.of(records.soa(lookups.serial()));
        Answer ns = new Answer(records.ns(), List.of(records.glue()));
        return switch (qtype) {
            case Type.SOA -> Lookup.of(List.of(soa));
            case Type.NS -> Lookup.of(List.of(ns));
            case Type.ANY -> Lookup.of(List.of(soa, ns));
            default -> Lookup.NO_DATA;
        };
    }

    private Lookup nameServer(Name qname, int qtype) {
        return Records.answers(qtype, config.advertise())
                ? Lookup.of(List.of(Answer.of(Records.address(qname, config.advertise(), 0)))) : Lookup.NO_DATA;
    }

    private Reply recurse(Message query, int maxSize) {
        Optional<Message> forwarded = recursor.forward(query);
        if (forwarded.isEmpty()) {
            log.debug("dns: no recursor answered {}; answered SERVFAIL", query.getQuestion().getName());
            return small(query, reply(query.getHeader(), Rcode.SERVFAIL), maxSize);
        }
        // Relay the recursor's answer under the client's ID and with the client's EDNS, never the recursor's.
        Message relayed = forwarded.get();
        relayed.getHeader().setID(query.getHeader().getID());
        relayed.getHeader().setFlag(Flags.RA);
        relayed.getHeader().unsetFlag(Flags.AA);
        OPTRecord upstreamOpt = relayed.getOPT();
        if (upstreamOpt != null) {
            relayed.removeRecord(upstreamOpt, Section.ADDITIONAL);
        }
        if (query.getOPT() != null) {
            relayed.addRecord(new OPTRecord(ADVERTISED_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return new Reply(relayed, relayed.toWire(maxSize));
    }

    /** A response without answers: the question, if any, and our OPT when the query had one. */
    private static Reply small(Message query, Message response, int maxSize) {
        Record question = query.getQuestion();
        if (question != null && query.getHeader().getCount(Section.QUESTION) == 1) {
            response.addRecord(question, Section.QUESTION);
        }
        if (query.getOPT() != null) {
            response.addRecord(new OPTRecord(ADVERTISED_PAYLOAD, 0, 0), Section.ADDITIONAL);
        }
        return new Reply(response, response.toWire(maxSize));
    }

    private Message reply(Header query, int rcode) {
        // new Message() would draw a random ID from SecureRandom only to replace it: a hot-path cost.
        Message response = new Message(query.getID());
        response.setHeader(replyHeader(query, rcode));
        return response;
    }

    private Header replyHeader(Header query, int rcode) {
        Header header = new Header(query.getID());
        header.setFlag(Flags.QR);
        header.setOpcode(query.getOpcode());
        if (query.getFlag(Flags.RD)) {
            header.setFlag(Flags.RD);
        }
        if (config.recurses()) {
            header.setFlag(Flags.RA);
        }
        header.setRcode(rcode);
        return header;
    }
}
