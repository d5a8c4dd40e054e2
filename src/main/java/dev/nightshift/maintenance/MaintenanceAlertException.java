package dev.nightshift.maintenance;

import java.util.List;

/** The alert conditions a run met; the message lists every reason on one line. */
public class MaintenanceAlertException extends RuntimeException {

    private final List<String> reasons;

    MaintenanceAlertException(List<String> reasons) {
        super(reasons.size() + " alert condition(s): " + String.join("; ", reasons));
        this.reasons = List.copyOf(reasons);
    }

    public List<String> reasons() {
        return reasons;
    }
}
