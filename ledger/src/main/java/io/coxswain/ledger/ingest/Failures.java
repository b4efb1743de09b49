package io.coxswain.ledger.ingest;

/** Describes a failure in one line: what failed and, when it differs, its root cause. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 10; depth++) {
            root = root.getCause();
        }
        String what = failure.getClass().getSimpleName();
        return root == failure ? what + ": " + failure.getMessage()
                : what + " caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
