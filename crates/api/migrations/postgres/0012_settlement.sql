-- Settling payments with the provider, outside the shop's own write transactions.
--
-- `payments.captured` is what the shop decided to take of a payment (0 while the money is
-- only held on a card: it is taken when the parcel ships, fourflow_core::settlement).
-- `payment_operations` are the shop's instructions to its provider (capture, void, refund),
-- written in the transaction that decides them and sent once it has committed — at once, or
-- by the outbox job `payment.operation` if that fails; the id is the provider's idempotency
-- key, so sending one twice moves money once.
--
-- `sandbox_ledger` and `sandbox_requests` are the built-in sandbox provider's own books, kept
-- in the database so that every replica talks to the same provider. A real provider keeps
-- them on its side; the shop never reads them except through the provider's `status`.

ALTER TABLE payments ADD COLUMN captured BIGINT NOT NULL DEFAULT 0 CHECK (captured >= 0);

CREATE TABLE payment_operations (
    -- The order instructions were given in: one waits for those before it.
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id            TEXT NOT NULL UNIQUE,
    payment_id    TEXT NOT NULL REFERENCES payments (id),
    kind          TEXT NOT NULL CHECK (kind IN ('capture', 'void', 'refund')),
    amount        BIGINT NOT NULL CHECK (amount >= 0),
    status        TEXT NOT NULL CHECK (status IN ('requested', 'done', 'refused')),
    -- The provider's refusal, when it refused.
    answer        TEXT,
    requested_at  TEXT NOT NULL,
    answered_at   TEXT
);
CREATE INDEX payment_operations_payment ON payment_operations (payment_id, seq);

CREATE TABLE sandbox_ledger (
    payment_id   TEXT PRIMARY KEY,
    currency     TEXT NOT NULL,
    -- What authorise was asked for; authorised once the shopper (or the bank) confirmed.
    amount       BIGINT NOT NULL CHECK (amount > 0),
    capture      TEXT NOT NULL CHECK (capture IN ('automatic', 'manual')),
    authorised   BIGINT NOT NULL DEFAULT 0 CHECK (authorised >= 0 AND authorised <= amount),
    captured     BIGINT NOT NULL DEFAULT 0 CHECK (captured >= 0),
    voided       BIGINT NOT NULL DEFAULT 0 CHECK (voided >= 0),
    refunded     BIGINT NOT NULL DEFAULT 0 CHECK (refunded >= 0),
    updated_at   TEXT NOT NULL,
    CHECK (captured + voided <= authorised),
    CHECK (refunded <= captured)
);

CREATE TABLE sandbox_requests (
    request_id   TEXT PRIMARY KEY,
    payment_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    amount       BIGINT NOT NULL,
    -- NULL when done; the refusal's code (fourflow_core::settlement::Refusal) otherwise.
    refusal      TEXT,
    received_at  TEXT NOT NULL
);

-- Payments confirmed before this migration were taken at confirmation, whatever their method,
-- and the sandbox's books start from what it had taken and given back by then.
UPDATE payments SET captured = amount WHERE status IN ('succeeded', 'refunded');
INSERT INTO sandbox_ledger (payment_id, currency, amount, capture, authorised, captured,
                            refunded, updated_at)
SELECT p.id, p.currency, p.amount, 'automatic', p.amount, p.amount,
       CASE WHEN p.status = 'refunded' OR o.refunded > p.amount THEN p.amount
            ELSE o.refunded END,
       p.updated_at
FROM payments p JOIN orders o ON o.id = p.order_id
WHERE p.provider = 'sandbox' AND p.status IN ('succeeded', 'refunded') AND p.amount > 0;
