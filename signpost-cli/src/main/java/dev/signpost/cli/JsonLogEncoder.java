package dev.signpost.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;

/**
 * Consul's {@code -log-json} lines (hclog's JSON format): one object a line with {@code @level},
 * {@code @message}, {@code @module} and {@code @timestamp}. A message in the seed's "module: text" shape
 * gives its module, e.g. {@code consul: New leader elected: n1} is module {@code consul}.
 */
final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern MODULE = Pattern.compile("[a-z][a-z.]*");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneId.systemDefault());

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        String message = event.getFormattedMessage();
        String module = "";
        int colon = message.indexOf(": ");
        if (colon > 0 && MODULE.matcher(message).region(0, colon).matches()) {
            module = message.substring(0, colon);
            message = message.substring(colon + 2);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(160);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("@level", level(event.getLevel()));
            json.writeStringField("@message", message);
            if (!module.isEmpty()) {
                json.writeStringField("@module", module);
            }
            json.writeStringField("@timestamp", TIME.format(Instant.ofEpochMilli(event.getTimeStamp())));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static String level(Level level) {
        return level == Level.WARN ? "warn" : level.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
