//! What changed between two versions of a document: both bodies flattened to `path: value`
//! lines and compared line by line (longest common subsequence), as a reviewer reads it.

use serde::{Deserialize, Serialize};

use super::ContentBody;

/// One line of a diff between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "op", content = "line", rename_all = "snake_case")]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// The bodies of two versions, as lines of `path: value`, compared line by line (longest
/// common subsequence): what a reviewer reads to see what changed.
pub fn diff(old: &ContentBody, new: &ContentBody) -> Vec<DiffLine> {
    let (a, b) = (lines_of(old), lines_of(new));
    // lcs[i][j]: the longest common run of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push(DiffLine::Same(a[i].clone()));
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push(DiffLine::Added(b[j].clone()));
            j += 1;
        } else {
            out.push(DiffLine::Removed(a[i].clone()));
            i += 1;
        }
    }
    out
}

/// A body flattened to `path: value` lines (Markdown one line per line), in a fixed order.
fn lines_of(body: &ContentBody) -> Vec<String> {
    let value = serde_json::to_value(body).expect("a content body always serialises");
    let mut lines = Vec::new();
    flatten("", &value, &mut lines);
    lines
}

fn flatten(path: &str, value: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                flatten(&path, v, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                flatten(&format!("{path}[{i}]"), v, out);
            }
        }
        Value::String(text) if text.is_empty() => {}
        Value::String(text) => {
            for line in text.lines() {
                out.push(format!("{path}: {line}"));
            }
        }
        Value::Null => {}
        other => out.push(format!("{path}: {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::home;
    use super::*;
    use crate::content::Block;

    #[test]
    fn a_diff_shows_what_changed_line_by_line() {
        let old = home();
        let mut new = home();
        let Block::Hero { headline, .. } = &mut new.blocks[0] else {
            panic!("the home page opens with its hero");
        };
        headline.zh_tw = "冬日選物".into();
        new.blocks.pop();
        let diff = diff(&old, &new);
        let added: Vec<&DiffLine> = diff
            .iter()
            .filter(|d| matches!(d, DiffLine::Added(_)))
            .collect();
        assert_eq!(
            added,
            [&DiffLine::Added(
                "blocks[0].headline.zh_tw: 冬日選物".into()
            )]
        );
        let removed: Vec<&DiffLine> = diff
            .iter()
            .filter(|d| matches!(d, DiffLine::Removed(_)))
            .collect();
        assert_eq!(
            removed[0],
            &DiffLine::Removed("blocks[0].headline.zh_tw: 秋日選物".into())
        );
        assert!(removed[1..]
            .iter()
            .all(|d| matches!(d, DiffLine::Removed(l) if l.starts_with("blocks[1]"))));
        assert!(removed.contains(&&DiffLine::Removed("blocks[1].text.zh_tw: 滿千免運".into())));
        // A page against itself: every line, each the same (none at all would prove nothing).
        let unchanged = super::diff(&old, &old);
        assert!(!unchanged.is_empty());
        assert!(unchanged.iter().all(|d| matches!(d, DiffLine::Same(_))));
    }
}
