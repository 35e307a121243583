package com.commercesuite.dataplatform.analytics;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Bad analytics input as RFC 9457 problem details that name the offending parameter. */
@RestControllerAdvice(assignableTypes = AnalyticsController.class)
class AnalyticsProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidParameterException e) {
        return badRequest(e.parameter(), e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notANumber(MethodArgumentTypeMismatchException e) {
        return badRequest(e.getName(), e.getName() + " must be a whole number, was '" + e.getValue() + "'");
    }

    private static ResponseEntity<ProblemDetail> badRequest(String parameter, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request parameter");
        problem.setProperty("parameter", parameter);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
