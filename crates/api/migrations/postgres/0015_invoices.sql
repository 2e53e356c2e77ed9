-- E-invoices (電子發票): how each order's shopper takes its invoice, and the invoice issued.
--
-- `invoices` is the shop's record of what its issuer (the InvoiceIssuer) gave: the number
-- and period, the amount, and since then a void (作廢) or allowances (折讓) for refunds.
-- `sandbox_invoices` and `sandbox_invoice_tracks` are the built-in sandbox issuer's own books,
-- kept in the database so that every replica talks to the same issuer; a real one (the tax
-- authority's platform, through a value-added service) keeps them on its side.

ALTER TABLE orders ADD COLUMN invoice TEXT NOT NULL DEFAULT '{"kind":"member_carrier"}';
-- The choice a signed-in shopper made last: offered again at their next checkout.
ALTER TABLE customers ADD COLUMN invoice TEXT;

CREATE TABLE invoices (
    order_id   BIGINT PRIMARY KEY REFERENCES orders (id),
    number     TEXT NOT NULL UNIQUE,
    -- `2026-6`: the year and its two-month period (1–6).
    period     TEXT NOT NULL,
    amount     BIGINT NOT NULL CHECK (amount > 0),
    currency   TEXT NOT NULL,
    issued_at  TEXT NOT NULL,
    voided_at  TEXT,
    allowance  BIGINT NOT NULL DEFAULT 0 CHECK (allowance >= 0 AND allowance <= amount)
);

CREATE TABLE sandbox_invoices (
    number        TEXT PRIMARY KEY,
    -- The merchant's order number: issuing twice for one order gives the same invoice.
    order_number  TEXT NOT NULL UNIQUE,
    period        TEXT NOT NULL,
    amount        BIGINT NOT NULL,
    issued_at     BIGINT NOT NULL,
    voided_at     BIGINT,
    allowance     BIGINT NOT NULL DEFAULT 0
);

-- The next number of each period's track, as the tax authority hands out ranges.
CREATE TABLE sandbox_invoice_tracks (
    period  TEXT PRIMARY KEY,
    track   TEXT NOT NULL,
    next    BIGINT NOT NULL
);
