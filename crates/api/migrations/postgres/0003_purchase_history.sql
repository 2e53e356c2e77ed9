-- Past orders' lines, kept for recommendations ("frequently bought together"): which products
-- were bought in the same order. One row per product per order, its variants' units summed.
-- Every integer is read as a 64-bit integer on both engines (BIGINT on PostgreSQL).

CREATE TABLE purchase_history (
    -- The order (a basket); the demo's seeded history uses `DEMO-…` references.
    order_ref     TEXT NOT NULL,
    product_id    BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    qty           BIGINT NOT NULL CHECK (qty > 0),
    -- RFC 3339 UTC, fixed width, so that text order is time order.
    purchased_at  TEXT NOT NULL,
    -- Also what the pair count joins on (order_ref), and what makes re-seeding write nothing.
    PRIMARY KEY (order_ref, product_id)
);
-- Baskets per product, and the cascade when a product is deleted.
CREATE INDEX purchase_history_product ON purchase_history (product_id, order_ref);
