-- Refunds by line and the orders console. Every refund is the sum of the units it gives back
-- (fourflow_core::refund): a line remembers how many of its units and how much of its money
-- went back, the order how much in all. The console lists orders newest first, by status.

ALTER TABLE order_lines ADD COLUMN refunded_qty INTEGER NOT NULL DEFAULT 0
    CHECK (refunded_qty >= 0 AND refunded_qty <= qty);
ALTER TABLE order_lines ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0
    CHECK (refunded >= 0 AND refunded <= total);

CREATE INDEX orders_created ON orders (created_at);
CREATE INDEX orders_status_created ON orders (status, created_at);
