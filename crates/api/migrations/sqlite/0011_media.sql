-- Images uploaded by staff. The files live under the media directory, named by the SHA-256 of
-- their bytes (`{sha256}.{ext}`, sizes as `{sha256}-{size}.{ext}`): the same image uploaded
-- twice is one file. A row per image says what it is and who brought it; `sizes` is the JSON
-- of fourflow_core::admin::media::MediaSize.

CREATE TABLE media (
    sha256       TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    width        INTEGER NOT NULL CHECK (width > 0),
    height       INTEGER NOT NULL CHECK (height > 0),
    bytes        INTEGER NOT NULL CHECK (bytes > 0),
    sizes        TEXT NOT NULL,
    uploaded_by  INTEGER REFERENCES customers (id),
    uploaded_at  TEXT NOT NULL
);
CREATE INDEX media_uploaded ON media (uploaded_at);
