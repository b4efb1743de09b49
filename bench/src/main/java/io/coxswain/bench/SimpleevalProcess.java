package io.coxswain.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/python/simpleeval_bench.py} as a child process that times one rule at a time on request, so that its
 * timings and Coxswain's alternate. Its first line ({@link #ready()}) gives the versions and every rule's value.
 */
final class SimpleevalProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String command;

    private SimpleevalProcess(Process process, String command) {
        this.process = process;
        this.command = command;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts the script on the cases file; its errors go to this process's stderr. */
    static SimpleevalProcess start(String python, String script, Path cases, int batches, long batchMs)
            throws IOException {
        Process process = new ProcessBuilder(python, script, cases.toString(), "--batches", String.valueOf(batches),
                "--batch-ms", String.valueOf(batchMs)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new SimpleevalProcess(process, python + " " + script);
    }

    /** The first line: {@code python}, {@code simpleeval}, {@code checks_results} and {@code values} by rule id. */
    JsonNode ready() throws IOException {
        return readLine();
    }

    /** One round for a rule: {@code <variant>_ns} lists of ns per evaluation, one figure per batch. */
    JsonNode time(String ruleId) throws IOException {
        in.write(ruleId + "\n");
        in.flush();
        return readLine();
    }

    private JsonNode readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            throw new IOException(command + " ended without an answer (exit " + exitStatus() + ")");
        }
        return JSON.readTree(line);
    }

    private String exitStatus() {
        try {
            return process.waitFor(10, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
        }
    }
}
