/**
 * Merkle trees shaped as in RFC 9162 §2.1 (the RFC 6962 tree), with a pluggable hash function.
 *
 * <p>The package is pure: no I/O, no clock, no framework. {@link org.prooftrail.core.merkle.MerkleTree}
 * builds roots and proofs on the log side; {@link org.prooftrail.core.merkle.MerkleProofs} checks them on
 * the client side and needs nothing but the hasher, the sizes and the hashes.
 */
package org.prooftrail.core.merkle;
