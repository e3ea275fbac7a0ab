/**
 * Selective Disclosure for JWTs (SD-JWT, RFC 9901) over ProofTrail's own JWS layer, so that every
 * algorithm we sign with (EdDSA, ES256, SM2SM3) signs SD-JWTs too.
 *
 * <p>Why our own small implementation rather than a library: com.authlete:sd-jwt 1.5 (resolvable
 * here) reads disclosure values with Gson's default number policy, so a quantity {@code 10} comes
 * back as {@code 10.0} and integers past 2^53 lose digits, and it brings a second JSON library;
 * Keycloak's SD-JWT code lives in keycloak-core and signs through Keycloak's own crypto SPI; the EUDI
 * library is Kotlin on Nimbus and not in the reachable mirror. What we need is about 300 lines on
 * Jackson, tested against RFC 9901's own examples.
 *
 * <ul>
 *   <li>{@link org.prooftrail.core.sdjwt.Disclosure}: one disclosure, its digest; parse and create.</li>
 *   <li>{@link org.prooftrail.core.sdjwt.SdPayloadBuilder}: conceals members and array elements of a payload.</li>
 *   <li>{@link org.prooftrail.core.sdjwt.SdJwt}: the compact serialization {@code <JWT>~<disclosure>~...~}.</li>
 *   <li>{@link org.prooftrail.core.sdjwt.SdPayloadProcessor}: the disclosed view of a signed payload and the
 *       digests that stay withheld.</li>
 *   <li>{@link org.prooftrail.core.sdjwt.SdJwtIssuer} and {@link org.prooftrail.core.sdjwt.SdJwtVerifier}.</li>
 *   <li>{@link org.prooftrail.core.sdjwt.EpcisDisclosurePolicy} and {@link org.prooftrail.core.sdjwt.EpcisEventConcealer}:
 *       which members of an EPCIS event are public, and the concealed event.</li>
 * </ul>
 * No key binding JWTs: ProofTrail's holders are the issuers themselves and the platform.
 */
package org.prooftrail.core.sdjwt;
