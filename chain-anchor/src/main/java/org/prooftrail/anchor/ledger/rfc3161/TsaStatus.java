package org.prooftrail.anchor.ledger.rfc3161;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.cmp.PKIFailureInfo;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TimeStampResponse;

/** A TSA's PKIStatusInfo (RFC 3161 §2.4.2) in words an operator can act on. */
final class TsaStatus {
    private static final String[] STATUS_NAMES = {
        "granted", "grantedWithMods", "rejection", "waiting", "revocationWarning", "revocationNotification"
    };

    // Only the failure bits RFC 3161 defines for a TSA; other bits are reported by number.
    private static final int[] FAILURE_BITS = {
        PKIFailureInfo.badAlg, PKIFailureInfo.badRequest, PKIFailureInfo.badDataFormat,
        PKIFailureInfo.timeNotAvailable, PKIFailureInfo.unacceptedPolicy, PKIFailureInfo.unacceptedExtension,
        PKIFailureInfo.addInfoNotAvailable, PKIFailureInfo.systemFailure
    };
    private static final String[] FAILURE_NAMES = {
        "badAlg", "badRequest", "badDataFormat", "timeNotAvailable", "unacceptedPolicy", "unacceptedExtension",
        "addInfoNotAvailable", "systemFailure"
    };

    private TsaStatus() {
    }

    /** RFC 3161 §2.4.2: only these two come with a token. */
    static boolean granted(TimeStampResponse response) {
        return response.getStatus() == PKIStatus.GRANTED || response.getStatus() == PKIStatus.GRANTED_WITH_MODS;
    }

    /** For example {@code status rejection, failInfo badAlg: "request contains unknown algorithm"}. */
    static String describe(TimeStampResponse response) {
        int status = response.getStatus();
        StringBuilder text = new StringBuilder("status ")
                .append(status >= 0 && status < STATUS_NAMES.length ? STATUS_NAMES[status] : String.valueOf(status));
        PKIFailureInfo failInfo = response.getFailInfo();
        if (failInfo != null) {
            text.append(", failInfo ").append(String.join("+", failureNames(failInfo.intValue())));
        }
        if (response.getStatusString() != null) {
            text.append(": \"").append(response.getStatusString()).append('"');
        }
        return text.toString();
    }

    private static List<String> failureNames(int bits) {
        List<String> names = new ArrayList<>();
        int rest = bits;
        for (int i = 0; i < FAILURE_BITS.length; i++) {
            if ((bits & FAILURE_BITS[i]) != 0) {
                names.add(FAILURE_NAMES[i]);
                rest &= ~FAILURE_BITS[i];
            }
        }
        if (rest != 0 || names.isEmpty()) {
            names.add("0x" + Integer.toHexString(rest));
        }
        return names;
    }
}
