package io.coxswain.agent.workload;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Data files shipped in the agent's jar under {@code /workloads}. */
final class Resources {
    private Resources() {
    }

    static String text(String name) {
        String path = "/workloads/" + name;
        try (InputStream in = Resources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new WorkloadException("the data file " + path + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorkloadException("cannot read the data file " + path + ": " + e.getMessage(), e);
        }
    }
}
