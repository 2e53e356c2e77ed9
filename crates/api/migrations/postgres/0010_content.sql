-- What marketers write: documents (the home page, landing pages, help articles, product copy),
-- each a series of numbered versions whose body is fourflow_core::content::ContentBody as JSON.
-- A save names the version it started from and only lands if that is still the latest
-- (`version`), so two editors never silently overwrite each other. Shoppers see
-- `published_version`; a publish or unpublish may wait for its time (`publish_at`,
-- `unpublish_at`), carried out by the job runner.

CREATE TABLE content_documents (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind               TEXT NOT NULL,
    slug               TEXT NOT NULL,
    version            BIGINT NOT NULL CHECK (version >= 1),
    published_version  BIGINT,
    publish_at         BIGINT,
    scheduled_version  BIGINT,
    unpublish_at       BIGINT,
    -- The secret of the preview link (shared with reviewers; shows drafts only).
    preview_token      TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    UNIQUE (kind, slug),
    CHECK (published_version IS NULL OR published_version <= version),
    CHECK ((publish_at IS NULL) = (scheduled_version IS NULL))
);

CREATE TABLE content_versions (
    document_id  BIGINT NOT NULL REFERENCES content_documents (id),
    version      BIGINT NOT NULL,
    body         TEXT NOT NULL,
    author_id    BIGINT REFERENCES customers (id),
    note         TEXT,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (document_id, version)
);

CREATE INDEX content_publish_due ON content_documents (publish_at) WHERE publish_at IS NOT NULL;
CREATE INDEX content_unpublish_due ON content_documents (unpublish_at) WHERE unpublish_at IS NOT NULL;
