-- SD-JWT envelopes (docs/envelope.md, "SD-JWT events"): envelope.jws keeps the issuer-signed JWT
-- alone, the bytes the log's leaf hash covers (docs/proofs.md); the disclosures that came with it
-- are kept here, apart, so that what each caller may see can be chosen per disclosure and a
-- disclosure can be withheld or erased without touching what the log committed to.
CREATE TABLE envelope_disclosure (
    envelope_id bigint NOT NULL REFERENCES envelope (id),
    -- the disclosure's place in the message as received, so the SD-JWT can be rebuilt exactly
    position    integer NOT NULL CHECK (position >= 0),
    -- base64url SHA-256 of the disclosure text: the digest that appears in the signed JWT
    digest      text NOT NULL,
    -- the disclosure as received (base64url of [salt, name, value] or [salt, value])
    disclosure  text NOT NULL,
    PRIMARY KEY (envelope_id, position),
    UNIQUE (envelope_id, digest)
);
