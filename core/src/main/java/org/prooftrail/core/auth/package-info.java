/**
 * Passwords of console accounts: how they are hashed and verified ({@link org.prooftrail.core.auth.PasswordHashing},
 * Argon2id in the PHC string format) and which ones are accepted ({@link org.prooftrail.core.auth.PasswordPolicy}).
 * Pure code: no clock, no storage; lock-out and sessions belong to whoever signs people in.
 */
package org.prooftrail.core.auth;
