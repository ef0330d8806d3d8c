package org.callway.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * One scrape of Callway's Prometheus endpoint (WildFly's micrometer registry on the management
 * interface), read as Prometheus reads it: series lines, {@code name{labels} value}.
 */
final class Metrics {

    static final String URL = "http://127.0.0.1:9990/metrics";

    private record Sample(String name, String labels, double value) {
    }

    private final List<Sample> samples = new ArrayList<>();
    final String text;

    private Metrics(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            String series = line.substring(0, space);
            int brace = series.indexOf('{');
            samples.add(new Sample(brace < 0 ? series : series.substring(0, brace),
                    brace < 0 ? "" : series.substring(brace), Double.parseDouble(line.substring(space + 1))));
        }
    }

    static Metrics scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(URL)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("metrics answered " + response.statusCode() + ": " + response.body());
        }
        return new Metrics(response.body());
    }

    /**
     * The sum of the series named {@code name} carrying every label given as {@code key="value"};
     * 0 when there is none yet (Prometheus counters appear on their first increment).
     */
    double value(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> List.of(labels).stream().allMatch(l -> s.labels().contains(l)))
                .mapToDouble(Sample::value).sum();
    }

    /** Whether any series of this name is exported at all. */
    boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }
}
