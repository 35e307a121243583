package com.commercesuite.web.problems;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@SpringBootTest
@AutoConfigureMockMvc
class ProblemDetailsAdviceTests {

    @Autowired
    MockMvc mvc;

    private ResultActions postBasket(String json) throws Exception {
        return postBasket("k-1", json);
    }

    private ResultActions postBasket(String idempotencyKey, String json) throws Exception {
        return mvc.perform(post("/baskets").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void aNamedRefusalKeepsItsStatusAndIsTypedByItsName() throws Exception {
        mvc.perform(get("/baskets/7"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:basket-not-found"))
                .andExpect(jsonPath("$.detail").value("basket 7 does not exist"))
                .andExpect(jsonPath("$.instance").value("/baskets/7"));
        mvc.perform(post("/baskets/claims"))
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:basket-sold-out"));
        mvc.perform(post("/baskets/7/checkout"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:basket-of-another-owner"));
    }

    @Test
    void aPartThatDidNotAnswerInTimeIsA503WithRetryAfterNotAServerError() throws Exception {
        mvc.perform(post("/baskets/7/save"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:basket-store-busy"))
                .andExpect(jsonPath("$.detail").value("the basket store did not answer in time"));
    }

    @Test
    void aDataStoreThatDoesNotAnswerIsA503WithRetryAfterThatShowsNoInternals() throws Exception {
        mvc.perform(get("/baskets/7/lines"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "2"))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:data-store-unavailable"))
                .andExpect(content().string(not(containsString("secret-host"))));
        mvc.perform(post("/baskets/7/lock"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:data-store-unavailable"));
    }

    @Test
    void textWithANulCharacterIsAMalformedRequestNotAServerError() throws Exception {
        postBasket("""
                {"owner": "a\\u0000b", "lines": [{"productId": 1, "quantity": 1}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aWildcardOrUnreadableContentTypeIsUnsupportedNotAServerError() throws Exception {
        for (String type : new String[] {"*/*", "application/*", "garbage"}) {
            mvc.perform(post("/baskets").header("Idempotency-Key", "k-1").header("Content-Type", type).content("{}"))
                    .andExpect(status().isUnsupportedMediaType())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
    }

    @Test
    void anInvalidFieldIsNamedWithEveryViolation() throws Exception {
        postBasket("""
                {"owner": " ", "lines": [{"productId": 1, "quantity": 0}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:invalid-input"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[?(@.field == 'owner')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'lines[0].quantity')]").exists());
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsPath() throws Exception {
        postBasket("""
                {"owner": "ann", "lines": [{"productId": 1, "quantity": "many"}]}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("lines[0].quantity"));
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() throws Exception {
        postBasket("{\"owner\": ")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:malformed-request"));
    }

    @Test
    void aMissingHeaderIsNamed() throws Exception {
        mvc.perform(post("/baskets").contentType(MediaType.APPLICATION_JSON).content("""
                        {"owner": "ann", "lines": [{"productId": 1, "quantity": 1}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("Idempotency-Key"));
    }

    @Test
    void aBlankOrTooLongIdempotencyKeyIsRefusedNamingTheHeader() throws Exception {
        String basket = """
                {"owner": "ann", "lines": [{"productId": 1, "quantity": 1}]}""";
        for (String key : new String[] {" ", "k".repeat(IdempotencyKeys.MAX_LENGTH + 1)}) {
            postBasket(key, basket)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:invalid-idempotency-key"))
                    .andExpect(jsonPath("$.field").value("Idempotency-Key"))
                    .andExpect(jsonPath("$.detail").value("Idempotency-Key must be 1 to 100 characters, not blank"));
        }
        postBasket("k".repeat(IdempotencyKeys.MAX_LENGTH), basket).andExpect(status().isOk());
    }

    @Test
    void anIdempotencyKeyReusedForAnotherBodyIsAConflict() throws Exception {
        postBasket("used-for-another-basket", """
                {"owner": "ann", "lines": [{"productId": 1, "quantity": 1}]}""")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:commerce-suite:problem:idempotency-key-reused"));
    }

    @Test
    void aPathOrQueryValueOfTheWrongTypeOrOutOfRangeIsNamed() throws Exception {
        mvc.perform(get("/baskets/abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("id"));
        mvc.perform(get("/baskets").param("size", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
        mvc.perform(get("/baskets"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("size"));
    }

    @Test
    void anInputRefusalNamesItsField() throws Exception {
        mvc.perform(post("/baskets/discounts"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("percent"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatShowsNoInternals() throws Exception {
        mvc.perform(get("/baskets/broken"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(content().string(not(containsString("secret"))));
    }
}
