package io.coxswain.protocol.signing;

import java.util.Optional;

/** What {@link CommandSignature#verify} found on a record. */
public sealed interface SignatureCheck {

    /** Why the record must not be trusted, as a receiver reports it; empty when the signature is valid. */
    Optional<String> problem();

    /** The signature is the HMAC of the value under the key. */
    record Valid() implements SignatureCheck {
        @Override
        public Optional<String> problem() {
            return Optional.empty();
        }
    }

    /** The record has no {@value CommandSignature#HEADER} header. */
    record Missing() implements SignatureCheck {
        @Override
        public Optional<String> problem() {
            return Optional.of("command is not signed: this run accepts only commands signed with HMAC-SHA256 in header "
                    + CommandSignature.HEADER);
        }
    }

    /** The header is there but is not one {@code hmac-sha256=<64 hex digits>}; {@code reason} says how. */
    record Malformed(String reason) implements SignatureCheck {
        @Override
        public Optional<String> problem() {
            return Optional.of("malformed signature header: " + reason);
        }
    }

    /** A well-formed signature made with another key, or over other bytes than the value. */
    record Mismatch() implements SignatureCheck {
        @Override
        public Optional<String> problem() {
            return Optional.of("signature does not match the command: it was made with another key, or the value "
                    + "changed after signing");
        }
    }
}
