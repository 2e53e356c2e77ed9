-- The audit log: one row per staff action — who (the acting account; NULL for the command
-- line), what (an action name such as `staff.role`), to what (`customer:42`), when (RFC 3339
-- text), and the subject's state before and after as JSON text. Rows are only ever added.

CREATE TABLE audit_log (
    id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at        TEXT NOT NULL,
    actor_id  BIGINT REFERENCES customers (id),
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    "before"  TEXT,
    "after"   TEXT
);
CREATE INDEX audit_log_subject ON audit_log (subject, id);
