-- What the pricing engine needs besides the catalog: promotions (automatic ones, and the ones
-- behind coupon codes), coupons with their usage counts, and shipping rates.
-- An offer and its scope are stored as the JSON of fourflow_core::pricing::{Offer, Scope}:
-- the engine's own types, so that a new kind of offer needs no new column.

CREATE TABLE promotions (
    id           TEXT PRIMARY KEY,
    label_zh_tw  TEXT NOT NULL,
    label_en     TEXT NOT NULL,
    offer        TEXT NOT NULL,
    scope        TEXT NOT NULL DEFAULT '{"type":"all"}',
    min_spend    INTEGER CHECK (min_spend IS NULL OR min_spend >= 0),
    -- Unix seconds; NULL is open-ended.
    starts_at    INTEGER,
    ends_at      INTEGER,
    -- 1: applies by itself to every cart; 0: only through a coupon.
    automatic    INTEGER NOT NULL DEFAULT 1 CHECK (automatic IN (0, 1))
);

CREATE TABLE coupons (
    -- Upper-case, as normalised by fourflow_core::pricing::Coupon::normalize_code.
    code          TEXT PRIMARY KEY,
    promotion_id  TEXT NOT NULL REFERENCES promotions (id),
    usage_limit   INTEGER CHECK (usage_limit IS NULL OR usage_limit >= 0),
    times_used    INTEGER NOT NULL DEFAULT 0,
    CHECK (usage_limit IS NULL OR times_used <= usage_limit)
);

CREATE TABLE shipping_rates (
    method       TEXT PRIMARY KEY,
    position     INTEGER NOT NULL DEFAULT 0,
    label_zh_tw  TEXT NOT NULL,
    label_en     TEXT NOT NULL,
    base_fee     INTEGER NOT NULL CHECK (base_fee >= 0),
    base_grams   INTEGER NOT NULL CHECK (base_grams >= 0),
    step_fee     INTEGER NOT NULL CHECK (step_fee >= 0),
    step_grams   INTEGER NOT NULL CHECK (step_grams >= 0),
    max_grams    INTEGER
);
