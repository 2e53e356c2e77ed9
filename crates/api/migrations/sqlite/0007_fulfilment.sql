-- Fulfilment (物流): one shipment per order, opened when the order goes to the warehouse,
-- and the tracking steps its carrier reported, each kept once.

CREATE TABLE shipments (
    id                  INTEGER PRIMARY KEY,
    order_id            INTEGER NOT NULL UNIQUE REFERENCES orders (id),
    -- picking → packed → handing_over → handed_over → delivered
    status              TEXT NOT NULL,
    weight_grams        INTEGER NOT NULL,
    carrier             TEXT,
    tracking_number     TEXT UNIQUE,
    -- Unix seconds when the carrier took the parcel: its tracking steps are timed from it.
    handed_over_at      INTEGER,
    -- Taipei dates, YYYY-MM-DD, estimated at hand-over.
    estimated_earliest  TEXT,
    estimated_latest    TEXT,
    opened_at           TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE tracking_events (
    id              INTEGER PRIMARY KEY,
    shipment_id     INTEGER NOT NULL REFERENCES shipments (id),
    at              TEXT NOT NULL,
    -- fourflow_core::delivery::TrackingCode; one of each per parcel, so a step applies once.
    code            TEXT NOT NULL,
    description_zh  TEXT NOT NULL,
    description_en  TEXT NOT NULL,
    location        TEXT NOT NULL,
    UNIQUE (shipment_id, code)
);
