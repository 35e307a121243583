package com.commercesuite.outbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A minimal service using the outbox, for the library's tests. Its main also runs as a separate
 * process, so a test can kill a relay for real.
 */
@SpringBootApplication
public class OutboxTestApplication {

    public static void main(String[] args) throws InterruptedException {
        SpringApplication.run(OutboxTestApplication.class, args);
        // No web server keeps this process alive, and the relay thread is a daemon: wait to be killed.
        Thread.currentThread().join();
    }
}
