package dev.rapport.crm.mail.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A class loader that answers the one service lookup Jakarta Mail makes for every body part and
 * multipart it creates ({@code StreamProvider.provider()}: a {@link java.util.ServiceLoader} search
 * of the whole class path, re-opening every jar that names a provider, each time) from the
 * provider list read once, in memory, and delegates everything else to its parent. {@link
 * MessageReader} makes it the thread's context class loader while it parses and restores the
 * previous one after, which parses a multipart message several times faster. When no provider list
 * is found, the lookup finds nothing here and Jakarta Mail falls back to its own search.
 */
final class ProviderLoader extends ClassLoader {
    private static final String SERVICE = "META-INF/services/jakarta.mail.util.StreamProvider";

    static final ProviderLoader INSTANCE = new ProviderLoader(parent());

    private final List<URL> services;

    private ProviderLoader(ClassLoader parent) {
        super(parent);
        List<URL> found;
        try {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (URL url : Collections.list(parent.getResources(SERVICE))) {
                try (InputStream in = url.openStream()) {
                    in.transferTo(all);
                    all.write('\n');
                }
            }
            found = all.size() == 0 ? List.of() : List.of(inMemory(all.toByteArray()));
        } catch (IOException | RuntimeException e) {
            found = List.of();
        }
        this.services = found;
    }

    private static ClassLoader parent() {
        ClassLoader own = jakarta.mail.util.StreamProvider.class.getClassLoader();
        return own != null ? own : ClassLoader.getSystemClassLoader();
    }

    private static URL inMemory(byte[] content) throws IOException {
        return new URL(null, "rapport-services:jakarta.mail.util.StreamProvider", new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
                return new URLConnection(u) {
                    @Override
                    public void connect() {}

                    @Override
                    public InputStream getInputStream() {
                        return new ByteArrayInputStream(content);
                    }
                };
            }
        });
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (SERVICE.equals(name)) {
            return Collections.enumeration(services);
        }
        return super.getResources(name);
    }
}
