-- Orders, their lines and history, idempotency keys for placing them, and the outbox of side
-- effects written in the same transaction as the change that caused them.

CREATE TABLE orders (
    id               INTEGER PRIMARY KEY,
    number           TEXT NOT NULL UNIQUE,
    -- Proves the right to see a guest's order: only its SHA-256 is kept.
    access_hash      TEXT NOT NULL,
    email            TEXT NOT NULL,
    status           TEXT NOT NULL,
    payment_method   TEXT NOT NULL,
    shipping_method  TEXT NOT NULL,
    coupon           TEXT,
    currency         TEXT NOT NULL,
    subtotal         INTEGER NOT NULL,
    discount_total   INTEGER NOT NULL,
    shipping_fee     INTEGER NOT NULL,
    total            INTEGER NOT NULL CHECK (total >= 0),
    vat_included     INTEGER NOT NULL,
    -- The checkout details and the quote as priced when the order was placed (JSON).
    contact          TEXT NOT NULL,
    delivery         TEXT NOT NULL,
    quote            TEXT NOT NULL,
    -- Unix seconds until which the stock stays held for payment; NULL once released or sold.
    hold_until       INTEGER,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX orders_holds ON orders (hold_until) WHERE hold_until IS NOT NULL;

CREATE TABLE order_lines (
    order_id    INTEGER NOT NULL REFERENCES orders (id),
    position    INTEGER NOT NULL,
    sku         TEXT NOT NULL,
    qty         INTEGER NOT NULL CHECK (qty > 0),
    unit_price  INTEGER NOT NULL,
    discount    INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    PRIMARY KEY (order_id, position)
);

CREATE TABLE order_events (
    id           INTEGER PRIMARY KEY,
    order_id     INTEGER NOT NULL REFERENCES orders (id),
    at           TEXT NOT NULL,
    -- fourflow_core::order::Actor as JSON.
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    from_status  TEXT,
    to_status    TEXT,
    note         TEXT
);
CREATE INDEX order_events_order ON order_events (order_id, id);

CREATE TABLE idempotency_keys (
    scope         TEXT NOT NULL,
    key           TEXT NOT NULL,
    request_hash  TEXT NOT NULL,
    status        INTEGER NOT NULL,
    response      TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);

CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    payload       TEXT NOT NULL,
    -- Unix seconds: not before.
    run_at        INTEGER NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER,
    done_at       INTEGER,
    last_error    TEXT
);
CREATE INDEX outbox_due ON outbox (run_at) WHERE done_at IS NULL;
