package org.callway.media.api;

import java.io.Serializable;
import java.util.Objects;

/** Names one leg of the engine; stable for the leg's life, never reused. */
public record LegId(String value) implements Serializable {
    public LegId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
