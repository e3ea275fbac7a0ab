-- Which fields of its EPCIS events an organisation publishes in the clear (issue 15): the members in
-- these lists stay public when the server signs its captured events as SD-JWTs, and a proof bundle of
-- its envelopes carries to anyone allowed it the disclosures of what they name. An organisation
-- without a row has the default policy (core.sdjwt.EpcisDisclosurePolicy.defaults()).
CREATE TABLE disclosure_policy (
    org_id                  text PRIMARY KEY REFERENCES organisation (id),
    -- top-level event members in the clear; type, eventTime and eventTimeZoneOffset always among them
    public_members          text[] NOT NULL CHECK (public_members @> ARRAY['type', 'eventTime', 'eventTimeZoneOffset']),
    -- ILMD members in the clear; the rest of ILMD is concealed member by member
    public_ilmd_members     text[] NOT NULL,
    -- whether quantity list entries show their epcClass in the clear
    public_quantity_classes boolean NOT NULL,
    updated_at              timestamptz NOT NULL DEFAULT now(),
    -- the token subject that stored it
    updated_by              text NOT NULL
);
