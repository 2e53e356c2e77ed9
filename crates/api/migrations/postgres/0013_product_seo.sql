-- Product copy's SEO title and description, written into the catalog when the copy is
-- published (as its title, summary and description are) and shown in the product page's
-- <title> and meta description and in link previews. Empty: the title and summary stand in.
ALTER TABLE products ADD COLUMN seo_title_zh_tw TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN seo_title_en TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN seo_description_zh_tw TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN seo_description_en TEXT NOT NULL DEFAULT '';
