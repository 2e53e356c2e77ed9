-- Accounts: customers, their sessions, the single-use tokens mailed to them (password reset,
-- email verification), sign-in attempts for rate limiting, address books, saved carts, and
-- the link from an order to the account that owns it.
--
-- Secrets are never stored: a session id, a reset token and a verification token are kept as
-- the SHA-256 (hex) of the random value the browser or the email holds. Deadlines and attempt
-- times are Unix seconds (compared); other times are RFC 3339 text (shown).

CREATE TABLE customers (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Case-folded (trimmed, lower-case) by the server before it gets here.
    email              TEXT NOT NULL UNIQUE,
    -- Argon2id in PHC string form: the parameters travel with the hash.
    password_hash      TEXT NOT NULL,
    name               TEXT NOT NULL,
    email_verified_at  TEXT,
    -- customer | marketer | operator | admin (checked on back-office routes).
    role               TEXT NOT NULL DEFAULT 'customer',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE TABLE sessions (
    id           TEXT PRIMARY KEY,
    customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_seen    BIGINT NOT NULL
);
CREATE INDEX sessions_customer ON sessions (customer_id);

CREATE TABLE password_resets (
    token_hash   TEXT PRIMARY KEY,
    customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);
CREATE INDEX password_resets_customer ON password_resets (customer_id);

CREATE TABLE email_verifications (
    token_hash   TEXT PRIMARY KEY,
    customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);
CREATE INDEX email_verifications_customer ON email_verifications (customer_id);

-- One row per counted attempt: `account:<email>`, `ip:<address>`, `reset:<email>`.
CREATE TABLE login_attempts (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key  TEXT NOT NULL,
    at   BIGINT NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (key, at);

CREATE TABLE addresses (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id  BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    label        TEXT NOT NULL,
    name         TEXT NOT NULL,
    phone        TEXT NOT NULL,
    postal_code  TEXT NOT NULL,
    city         TEXT NOT NULL,
    district     TEXT NOT NULL,
    line         TEXT NOT NULL,
    -- 1 for the one address checkout offers first, else 0.
    is_default   BIGINT NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
CREATE INDEX addresses_customer ON addresses (customer_id, id);

CREATE TABLE saved_carts (
    customer_id  BIGINT PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    -- [{"sku","qty"}] as fourflow_core::cart::CartLine.
    lines        TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

ALTER TABLE orders ADD COLUMN customer_id BIGINT REFERENCES customers (id);
CREATE INDEX orders_customer ON orders (customer_id, id) WHERE customer_id IS NOT NULL;
