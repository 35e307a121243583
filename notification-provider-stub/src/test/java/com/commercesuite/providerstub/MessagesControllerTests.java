package com.commercesuite.providerstub;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class MessagesControllerTests {

    private static final String MESSAGE = """
            {"recipientId": 42, "kind": "ORDER_COMPLETED", "text": "Your order 7 is complete."}""";

    @Test
    void aRepeatedIdempotencyKeyIsAnsweredWithTheFirstMessageAndNotDeliveredAgain() throws Exception {
        MockMvc mvc = mvc(new StubSettings(Duration.ZERO, 0, 10));

        String first = mvc.perform(post("/messages").header("Idempotency-Key", "e1:42")
                        .contentType(MediaType.APPLICATION_JSON).content(MESSAGE))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.duplicate").value(false))
                .andReturn().getResponse().getContentAsString();
        String messageId = first.replaceAll(".*\"messageId\":\"([^\"]+)\".*", "$1");

        mvc.perform(post("/messages").header("Idempotency-Key", "e1:42")
                        .contentType(MediaType.APPLICATION_JSON).content(MESSAGE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.duplicate").value(true))
                .andExpect(jsonPath("$.messageId").value(messageId));
        mvc.perform(get("/messages/stats"))
                .andExpect(jsonPath("$.delivered").value(1))
                .andExpect(jsonPath("$.duplicates").value(1));
    }

    @Test
    void atAnErrorRateOfOneEveryCallFailsWith503() throws Exception {
        MockMvc mvc = mvc(new StubSettings(Duration.ZERO, 1, 10));

        mvc.perform(post("/messages").header("Idempotency-Key", "e2:42")
                        .contentType(MediaType.APPLICATION_JSON).content(MESSAGE))
                .andExpect(status().isServiceUnavailable());
        mvc.perform(get("/messages/stats")).andExpect(jsonPath("$.failed").value(1));
    }

    private static MockMvc mvc(StubSettings settings) {
        return MockMvcBuilders.standaloneSetup(new MessagesController(settings, new SimpleMeterRegistry())).build();
    }
}
