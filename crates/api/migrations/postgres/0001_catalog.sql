-- The catalog: categories, products, their images and specs, and the variants that are sold.
-- Every integer is read as a 64-bit integer on both engines (BIGINT on PostgreSQL).

CREATE TABLE colours (
    code        TEXT PRIMARY KEY,
    hex         TEXT NOT NULL,
    name_zh_tw  TEXT NOT NULL,
    name_en     TEXT NOT NULL
);

CREATE TABLE categories (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug               TEXT NOT NULL UNIQUE,
    parent_id          BIGINT REFERENCES categories (id),
    position           BIGINT NOT NULL DEFAULT 0,
    name_zh_tw         TEXT NOT NULL,
    name_en            TEXT NOT NULL,
    description_zh_tw  TEXT NOT NULL DEFAULT '',
    description_en     TEXT NOT NULL DEFAULT '',
    image              TEXT NOT NULL DEFAULT ''
);

CREATE TABLE products (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug               TEXT NOT NULL UNIQUE,
    category_id        BIGINT NOT NULL REFERENCES categories (id),
    brand              TEXT NOT NULL,
    title_zh_tw        TEXT NOT NULL,
    title_en           TEXT NOT NULL,
    summary_zh_tw      TEXT NOT NULL DEFAULT '',
    summary_en         TEXT NOT NULL DEFAULT '',
    -- Markdown, rendered and sanitised on the server.
    description_zh_tw  TEXT NOT NULL DEFAULT '',
    description_en     TEXT NOT NULL DEFAULT '',
    popularity         BIGINT NOT NULL DEFAULT 0,
    featured           BIGINT NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    -- RFC 3339 UTC, fixed width, so that text order is time order.
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX products_category ON products (category_id);

CREATE TABLE product_images (
    product_id  BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position    BIGINT NOT NULL,
    src         TEXT NOT NULL,
    alt_zh_tw   TEXT NOT NULL DEFAULT '',
    alt_en      TEXT NOT NULL DEFAULT '',
    width       BIGINT NOT NULL,
    height      BIGINT NOT NULL,
    PRIMARY KEY (product_id, position)
);

CREATE TABLE product_specs (
    product_id   BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position     BIGINT NOT NULL,
    name_zh_tw   TEXT NOT NULL,
    name_en      TEXT NOT NULL,
    value_zh_tw  TEXT NOT NULL,
    value_en     TEXT NOT NULL,
    PRIMARY KEY (product_id, position)
);

CREATE TABLE variants (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku             TEXT NOT NULL UNIQUE,
    product_id      BIGINT NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position        BIGINT NOT NULL DEFAULT 0,
    size            TEXT,
    colour          TEXT REFERENCES colours (code),
    currency        TEXT NOT NULL DEFAULT 'TWD',
    price           BIGINT NOT NULL CHECK (price >= 0),
    compare_at      BIGINT CHECK (compare_at IS NULL OR compare_at > price),
    -- Stock never goes negative: reservations are a conditional UPDATE, and this backs it.
    on_hand         BIGINT NOT NULL CHECK (on_hand >= 0),
    reserved        BIGINT NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
    weight_grams    BIGINT NOT NULL CHECK (weight_grams >= 0),
    image_position  BIGINT
);
CREATE INDEX variants_product ON variants (product_id);

-- Bumped in the same transaction as any catalog change, so that every replica's in-memory
-- catalog knows to reload.
CREATE TABLE catalog_state (
    id       BIGINT PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);
INSERT INTO catalog_state (id, version) VALUES (1, 0);
