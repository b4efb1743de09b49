package io.coxswain.ledger.projection;

/** Why a command was sent, for the parameter changes that came before the command reached the ledger. */
public record CommandReason(String commandId, String reason) {
}
