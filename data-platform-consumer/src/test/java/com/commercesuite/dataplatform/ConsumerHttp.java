package com.commercesuite.dataplatform;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The running consumer over HTTP, as its tests read it: any status comes back as it is. */
public final class ConsumerHttp {

    private final RestClient http;

    public ConsumerHttp(int port) {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build();
    }

    public ResponseEntity<String> get(String uri) {
        return http.get().uri(uri).retrieve().toEntity(String.class);
    }

    public String metrics() {
        return http.get().uri("/actuator/prometheus").accept(MediaType.TEXT_PLAIN).retrieve().body(String.class);
    }

    /** Sum of a Prometheus series' values over its tag combinations that carry {@code topic="<topic>"}. */
    public double metricValue(String name, String topic) {
        return metrics().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains("topic=\"" + topic + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
