package org.callway.peer;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashSet;
import java.util.Set;

/** Stores a set as a comma list, keeping its order: {@code force_rport,comedia}. */
@Converter
public class StringSetConverter implements AttributeConverter<Set<String>, String> {

    private final StringListConverter list = new StringListConverter();

    @Override
    public String convertToDatabaseColumn(Set<String> values) {
        return values == null ? "" : String.join(",", values);
    }

    @Override
    public Set<String> convertToEntityAttribute(String column) {
        return new LinkedHashSet<>(list.convertToEntityAttribute(column));
    }
}
