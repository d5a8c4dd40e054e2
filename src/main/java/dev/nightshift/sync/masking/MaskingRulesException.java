package dev.nightshift.sync.masking;

/** A masking rule that cannot be used; the message is one line naming file, table and column where known. */
public class MaskingRulesException extends RuntimeException {

    public MaskingRulesException(String message) {
        super(message);
    }

    public MaskingRulesException(String message, Throwable cause) {
        super(message, cause);
    }
}
