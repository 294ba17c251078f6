package io.tarn.blockstore.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a {@link BlockStoreProvider} and the locations it serves, readable without instantiating it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BlockStoreType {
    /** The type name, for example {@code s3}: config properties are {@code blockstore.<name>.*}. */
    String name();

    /**
     * The location schemes served, for example {@code "s3"}. An entry of the form
     * {@code "https://*.blob.core.windows.net"} serves that scheme only for authorities ending in the
     * given suffix.
     */
    String[] schemes();
}
