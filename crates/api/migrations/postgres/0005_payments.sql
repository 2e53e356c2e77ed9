-- Payments of orders, the provider events applied (each once), and the mailbox: emails the
-- shop sent, readable on the development mailbox page and in tests.

CREATE TABLE payments (
    id            TEXT PRIMARY KEY,
    order_id      BIGINT NOT NULL REFERENCES orders (id),
    provider      TEXT NOT NULL,
    method        TEXT NOT NULL,
    status        TEXT NOT NULL,
    amount        BIGINT NOT NULL,
    currency      TEXT NOT NULL,
    instalments   BIGINT NOT NULL DEFAULT 1,
    card_last4    TEXT,
    -- fourflow_core::payment::NextAction as JSON, while the shopper has something to do.
    next_action   TEXT,
    failure       TEXT,
    -- Where the provider's pages send the shopper back to.
    return_path   TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX payments_order ON payments (order_id);

CREATE TABLE payment_events (
    provider     TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    payment_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (provider, event_id)
);

CREATE TABLE mailbox (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient   TEXT NOT NULL,
    subject     TEXT NOT NULL,
    body        TEXT NOT NULL,
    sent_at     TEXT NOT NULL
);
CREATE INDEX mailbox_recipient ON mailbox (recipient, id);
