-- Clone warnings (issue 17): a pack (an item, serial not empty) looked up from PT_SCAN_REGION_THRESHOLD
-- (default 3) or more distinct regions is likely a copied code printed on more than one box. Its alert:
-- kind 'clone-warning', subject the pack's Digital Link path (/01/{gtin}/10/{lot}/21/{serial}), org_id the
-- organisation owning the product, details its regions (sorted), lookups, firstAt, lastAt and the
-- threshold when the pack reached it. Lots and products are looked up from many regions as a matter of
-- course and raise nothing. Raised by store.scans.ScanLog's writer, through store.alerts.Alerts, in the
-- transaction that writes the scans that made the pack reach the threshold; this index makes it one alert
-- per pack, ever, even when two API replicas write such scans at the same moment (the second insert
-- waits for the first and does nothing).
CREATE UNIQUE INDEX alert_clone_warning_subject_idx ON alert (subject) WHERE kind = 'clone-warning';
