package org.callway.peer;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.callway.config.Transport;

/** Stores transports as Asterisk's {@code transport=} value: {@code ws,wss}. */
@Converter
public class TransportSetConverter implements AttributeConverter<Set<Transport>, String> {

    private final StringListConverter list = new StringListConverter();

    @Override
    public String convertToDatabaseColumn(Set<Transport> values) {
        return values == null ? "" : values.stream()
                .sorted().map(t -> t.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(","));
    }

    @Override
    public Set<Transport> convertToEntityAttribute(String column) {
        EnumSet<Transport> set = EnumSet.noneOf(Transport.class);
        list.convertToEntityAttribute(column).forEach(name -> set.add(Transport.parse(name)));
        return set;
    }
}
