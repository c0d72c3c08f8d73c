package com.split.finalsel;

import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@link SelectionProperties} bound as the application binds them, without a context. */
public final class TestProperties {

    private TestProperties() {}

    public static SelectionProperties defaults() {
        return with(Map.of());
    }

    /** The defaults with these {@code split.selection.*} settings. */
    public static SelectionProperties with(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("split.selection", SelectionProperties.class);
    }
}
