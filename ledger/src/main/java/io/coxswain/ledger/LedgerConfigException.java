package io.coxswain.ledger;

/** A ledger setting has a value it cannot run with; the message names the setting and the value. */
public class LedgerConfigException extends LedgerException {
    private final String setting;

    public LedgerConfigException(String setting, Object value, String problem) {
        super("ledger setting " + setting + " = " + value + " " + problem);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
