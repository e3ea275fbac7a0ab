package org.prooftrail.api.console;

import java.util.Set;
import org.prooftrail.api.auth.ApiRole;

/** One entry of the console's menu, shown to the roles that may open it. */
record NavEntry(String path, String en, String zh, Set<ApiRole> roles) {
}
