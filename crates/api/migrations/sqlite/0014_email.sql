-- Email in the customer's language: the language an order was placed in and an account's
-- (BCP 47: zh-TW or en; zh-TW, the shop's own, for what was there before).
ALTER TABLE orders ADD COLUMN locale TEXT NOT NULL DEFAULT 'zh-TW';
ALTER TABLE customers ADD COLUMN locale TEXT NOT NULL DEFAULT 'zh-TW';

-- The development mailbox keeps the HTML part beside the plain text one (`body`).
ALTER TABLE mailbox ADD COLUMN html TEXT NOT NULL DEFAULT '';
