package com.commercesuite.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/suite} from a module's tests as a person would, e.g. {@code broker stop 2}: its
 * output goes to the test's, and a failure or an exit code other than 0 fails the test.
 */
public final class SuiteCommand {

    private static final Path SUITE = Path.of("..", "bin", "suite").toAbsolutePath().normalize();
    private static final long TIMEOUT_SECONDS = 150;

    private SuiteCommand() {
    }

    public static void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SUITE.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + process.exitValue());
        }
    }
}
