//! SKUs as a spreadsheet: the CSV export of every SKU's price and stock, and the import that
//! changes them — read, checked cell by cell against the same rules as the back office's
//! forms, and reported by line and column before anything is changed.
//!
//! Columns: `sku,product,name,price,compare_at,on_hand,weight_grams`. Prices are in dollars
//! (`1280`, `1,280`); an empty `compare_at` removes the was-price. `product` and `name` are
//! there to read and are never imported; any other column may be left out of an import.

use serde::{Deserialize, Serialize};

use super::stock::{adjusted_on_hand, PriceChange, SkuRecord, MAX_UNITS};
use crate::{Currency, FieldError, Locale, Money};

pub const COLUMNS: [&str; 7] = [
    "sku",
    "product",
    "name",
    "price",
    "compare_at",
    "on_hand",
    "weight_grams",
];

/// One cell (or line) that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellError {
    /// 1-based, the header being line 1.
    pub line: u32,
    pub column: String,
    /// For a person, in the request's language (see [`ImportReport::in_language`]).
    pub message: String,
    /// The message in zh-TW, kept off the wire: the report answers in one language, put in
    /// `message`, so that a client reads one field whatever its language.
    #[serde(skip)]
    pub zh_tw: Option<String>,
}

impl CellError {
    /// A refusal in both of the shop's languages.
    pub fn said(
        line: u32,
        column: impl Into<String>,
        en: impl Into<String>,
        zh_tw: impl Into<String>,
    ) -> CellError {
        CellError {
            line,
            column: column.into(),
            message: en.into(),
            zh_tw: Some(zh_tw.into()),
        }
    }

    /// A form's rule refusing the cell of its field's column on `line`, in its words.
    pub fn of_field(line: u32, e: FieldError) -> CellError {
        CellError {
            line,
            column: e.field,
            message: e.message,
            zh_tw: e.zh_tw,
        }
    }
}

/// One change an import makes (or would make).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CellChange {
    pub line: u32,
    pub sku: String,
    pub column: String,
    pub before: String,
    pub after: String,
}

/// `POST /api/v1/admin/skus/import`: what the file would change and what is wrong with it.
/// Nothing is applied while there is any error, nor on a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    pub dry_run: bool,
    pub applied: bool,
    /// Data lines read.
    pub rows: u32,
    pub changes: Vec<CellChange>,
    pub errors: Vec<CellError>,
}

impl ImportReport {
    /// The report as a client of `locale` reads it. Its errors travel in a 200 (a report, not
    /// a refusal), so the API's error formatting never sees them: each `message` is put in the
    /// request's language here instead, English where a message has no zh-TW.
    pub fn in_language(mut self, locale: Locale) -> ImportReport {
        if locale == Locale::ZhTw {
            for e in &mut self.errors {
                if let Some(zh_tw) = e.zh_tw.take() {
                    e.message = zh_tw;
                }
            }
        }
        self
    }
}

/// A data line as read; a field is `None` where the file has no such column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u32,
    pub sku: String,
    pub price: Option<Money>,
    pub compare_at: Option<Option<Money>>,
    pub on_hand: Option<i64>,
    pub weight_grams: Option<u32>,
}

/// What one row changes of its SKU: the new price fields, and the new units on hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowUpdate {
    pub price: PriceChange,
    pub on_hand: i64,
    pub changes: Vec<CellChange>,
}

/// Every SKU as CSV, header first.
pub fn export(skus: &[SkuRecord]) -> String {
    let mut out = COLUMNS.join(",");
    out.push_str("\r\n");
    for s in skus {
        let name = if s.options.zh_tw.is_empty() {
            s.title.zh_tw.clone()
        } else {
            format!("{}（{}）", s.title.zh_tw, s.options.zh_tw)
        };
        let cells = [
            quoted(&s.sku),
            quoted(&s.product),
            quoted(&name),
            dollars(s.price),
            s.compare_at.map(dollars).unwrap_or_default(),
            s.on_hand.to_string(),
            s.weight_grams.to_string(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// An import as read.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub rows: Vec<ImportRow>,
    /// Every cell that cannot be read (the rules of what a value may be come after, in
    /// [`update`]).
    pub errors: Vec<CellError>,
    /// Data lines read, good or bad (blank ones aside).
    pub lines: u32,
}

/// Reads an import.
pub fn parse(text: &str) -> Parsed {
    let (rows, errors, lines) = read(text);
    Parsed {
        rows,
        errors,
        lines,
    }
}

fn read(text: &str) -> (Vec<ImportRow>, Vec<CellError>, u32) {
    let mut errors = Vec::new();
    let records = match records(text.strip_prefix('\u{feff}').unwrap_or(text)) {
        Ok(records) => records,
        Err(e) => return (Vec::new(), vec![e], 0),
    };
    let mut records = records.into_iter();
    let Some((_, header)) = records.next() else {
        let e = error(
            1,
            "sku",
            (
                "the file is empty: it needs a header line",
                "檔案是空的：第一行必須是標題列",
            ),
        );
        return (Vec::new(), vec![e], 0);
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    for (i, name) in header.iter().enumerate() {
        if !COLUMNS.contains(&name.as_str()) {
            errors.push(CellError::said(
                1,
                name,
                format!("unknown column {} ({})", i + 1, COLUMNS.join(", ")),
                format!("第 {} 欄不是可匯入的欄位（{}）", i + 1, COLUMNS.join(", ")),
            ));
        }
        if header[..i].contains(name) {
            errors.push(error(
                1,
                name,
                ("this column appears twice", "這個欄位重複了"),
            ));
        }
    }
    let Some(sku_at) = header.iter().position(|h| h == "sku") else {
        errors.push(error(
            1,
            "sku",
            ("the header needs a sku column", "標題列必須有 sku 欄"),
        ));
        return (Vec::new(), errors, 0);
    };
    if !errors.is_empty() {
        return (Vec::new(), errors, 0);
    }
    let at = |name: &str| header.iter().position(|h| h == name);
    let mut rows = Vec::new();
    let mut lines = 0;
    for (line, cells) in records {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        lines += 1;
        if cells.len() != header.len() {
            errors.push(CellError::said(
                line,
                "sku",
                format!("has {} cells, the header {}", cells.len(), header.len()),
                format!("這一行有 {} 格，標題列有 {} 格", cells.len(), header.len()),
            ));
            continue;
        }
        // A control character is no part of any value (and a NUL cannot even be looked up on
        // PostgreSQL): refused where it is, as every text the shop reads (`crate::text`).
        let garbled: Vec<usize> = (0..cells.len())
            .filter(|&i| cells[i].chars().any(crate::text::is_forbidden))
            .collect();
        if !garbled.is_empty() {
            for i in garbled {
                errors.push(error(
                    line,
                    &header[i],
                    ("holds a control character", "含有控制字元"),
                ));
            }
            continue;
        }
        let cell = |name: &str| at(name).map(|i| cells[i].trim());
        let before = errors.len();
        let mut read = |name: &str, f: fn(&str) -> Result<i64, Said>| {
            cell(name).map(|text| {
                f(text)
                    .map_err(|said| errors.push(error(line, name, said)))
                    .ok()
            })
        };
        let price = read("price", parse_dollars).map(|p| p.map(Money::twd));
        let on_hand = read("on_hand", parse_units);
        let weight = read("weight_grams", parse_units);
        let compare_at = cell("compare_at").map(|text| match text {
            "" => Some(None),
            text => match parse_dollars(text) {
                Ok(amount) => Some(Some(Money::twd(amount))),
                Err(said) => {
                    errors.push(error(line, "compare_at", said));
                    None
                }
            },
        });
        let sku = cells[sku_at].trim().to_owned();
        if sku.is_empty() {
            errors.push(error(line, "sku", ("is empty", "不能空白")));
        } else if rows.iter().any(|r: &ImportRow| r.sku == sku) {
            errors.push(error(
                line,
                "sku",
                ("appears on an earlier line too", "前面的行已經有這個 SKU"),
            ));
        }
        if errors.len() > before {
            continue;
        }
        rows.push(ImportRow {
            line,
            sku,
            price: price.flatten(),
            compare_at: compare_at.flatten(),
            on_hand: on_hand.flatten(),
            weight_grams: weight.flatten().map(|w| w as u32),
        });
    }
    (rows, errors, lines)
}

/// What `row` changes of `current` — checked by the rules of a price change and of a stock
/// adjustment — or why not, by column.
pub fn update(row: &ImportRow, current: &SkuRecord) -> Result<RowUpdate, Vec<CellError>> {
    let price = PriceChange {
        price: row.price.unwrap_or(current.price),
        compare_at: row.compare_at.unwrap_or(current.compare_at),
        weight_grams: row.weight_grams.unwrap_or(current.weight_grams),
    };
    let mut errors = Vec::new();
    if let Err(e) = price.check() {
        errors.push(CellError::of_field(row.line, e));
    }
    let on_hand = row.on_hand.unwrap_or(current.on_hand);
    if let Err(e) = adjusted_on_hand(
        current.on_hand,
        current.reserved,
        on_hand - current.on_hand,
        "on_hand",
    ) {
        errors.push(CellError::of_field(row.line, e));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut changes = Vec::new();
    let mut note = |column: &str, before: String, after: String| {
        if before != after {
            changes.push(CellChange {
                line: row.line,
                sku: row.sku.clone(),
                column: column.into(),
                before,
                after,
            });
        }
    };
    note("price", dollars(current.price), dollars(price.price));
    let was = |m: Option<Money>| m.map(dollars).unwrap_or_default();
    note("compare_at", was(current.compare_at), was(price.compare_at));
    note("on_hand", current.on_hand.to_string(), on_hand.to_string());
    note(
        "weight_grams",
        current.weight_grams.to_string(),
        price.weight_grams.to_string(),
    );
    Ok(RowUpdate {
        price,
        on_hand,
        changes,
    })
}

/// A refusal worded once: in English and in zh-TW.
type Said = (&'static str, &'static str);

fn error(line: u32, column: &str, (en, zh_tw): Said) -> CellError {
    CellError::said(line, column, en, zh_tw)
}

/// `1280`, `1,280` or `1280.00` dollars in minor units; never a float.
fn parse_dollars(text: &str) -> Result<i64, Said> {
    const BAD: Said = (
        "must be an amount in dollars, like 1280 or 1,280.50",
        "必須是以元為單位的金額，例如 1280 或 1,280.50",
    );
    let text = text.trim_start_matches("NT$").replace(',', "");
    let (whole, cents) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (!cents.is_empty() && !digits(cents)) || cents.len() > 2 || whole.len() > 9
    {
        return Err(BAD);
    }
    let unit = Currency::Twd.unit();
    let cents: i64 = format!("{cents:0<2}").parse().map_err(|_| BAD)?;
    Ok(whole.parse::<i64>().map_err(|_| BAD)? * unit + cents)
}

/// A whole number of units or grams, from 0.
fn parse_units(text: &str) -> Result<i64, Said> {
    text.parse::<i64>()
        .ok()
        .filter(|n| (0..=MAX_UNITS).contains(n))
        .ok_or((
            "must be a whole number from 0 to 1,000,000",
            "必須是 0 到 1,000,000 的整數",
        ))
}

/// Money as the file writes it: dollars, cents only when there are some.
fn dollars(m: Money) -> String {
    let unit = m.currency.unit();
    match m.amount % unit {
        0 => (m.amount / unit).to_string(),
        cents => format!("{}.{cents:02}", m.amount / unit),
    }
}

fn quoted(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The file's records with the line each starts on (RFC 4180: quoted cells may hold commas,
/// doubled quotes and line breaks).
fn records(text: &str) -> Result<Vec<(u32, Vec<String>)>, CellError> {
    let mut records = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted) = (1u32, 1u32, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                cell.push(c);
            }
            (false, '"') if cell.trim().is_empty() => quoted = true,
            (false, ',') => cells.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n' | '\r') => {
                cells.push(std::mem::take(&mut cell));
                records.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
            }
            (false, c) => cell.push(c),
        }
    }
    if quoted {
        return Err(error(
            start,
            "sku",
            ("a quoted cell is never closed", "有一格的引號沒有結束"),
        ));
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        records.push((start, cells));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Localized;

    fn record(sku: &str, price: i64, on_hand: i64, reserved: i64) -> SkuRecord {
        SkuRecord {
            sku: sku.into(),
            product: "linen-shirt".into(),
            title: Localized {
                zh_tw: "亞麻襯衫, \"經典\"".into(),
                en: "Linen shirt".into(),
            },
            options: Localized {
                zh_tw: "M・白".into(),
                en: "M · white".into(),
            },
            price: Money::twd(price),
            compare_at: None,
            on_hand,
            reserved,
            weight_grams: 300,
        }
    }

    #[test]
    fn an_export_reads_back_as_an_import_that_changes_nothing() {
        let skus = [
            record("LS-M-WHT", 128_000, 12, 2),
            record("LS-L-WHT", 99_000, 3, 0),
        ];
        let csv = export(&skus);
        assert!(csv.starts_with("sku,product,name,price,compare_at,on_hand,weight_grams\r\n"));
        assert!(csv.contains("\"亞麻襯衫, \"\"經典\"\"（M・白）\""), "{csv}");
        let Parsed {
            rows,
            errors,
            lines,
        } = parse(&csv);
        assert_eq!((errors, lines), (vec![], 2));
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].price, Some(Money::twd(99_000)));
        for (row, sku) in rows.iter().zip(&skus) {
            assert_eq!(update(row, sku).unwrap().changes, []);
        }
    }

    #[test]
    fn an_import_reports_each_bad_cell_by_line_and_column() {
        let csv = "\u{feff}SKU,price,on_hand,compare_at\n\
                   A,1280,5,\n\
                   B,12.345,5,\n\
                   C,100,-1,\n\
                   D,100,5,abc\n\
                   A,100,5,\n\
                   ,100,5,\n\
                   E,100\n\
                   \n\
                   \"F, the second\",\"1,000\",7,1500\n";
        let Parsed {
            rows,
            errors,
            lines,
        } = parse(csv);
        assert_eq!(lines, 8);
        let at: Vec<(u32, &str)> = errors.iter().map(|e| (e.line, e.column.as_str())).collect();
        assert_eq!(
            at,
            [
                (3, "price"),
                (4, "on_hand"),
                (5, "compare_at"),
                (6, "sku"),
                (7, "sku"),
                (8, "sku")
            ]
        );
        let skus: Vec<&str> = rows.iter().map(|r| r.sku.as_str()).collect();
        assert_eq!(skus, ["A", "F, the second"]);
        assert_eq!(rows[1].price, Some(Money::twd(100_000)));
        assert_eq!(rows[1].compare_at, Some(Some(Money::twd(150_000))));
        assert_eq!(rows[1].line, 10);
        assert_eq!(rows[0].weight_grams, None, "no such column: left as it is");
        let errors = parse("sku,colour\nA,red\n").errors;
        assert_eq!(errors[0].column, "colour");
        let errors = parse("price\n100\n").errors;
        assert_eq!(errors[0].column, "sku");
        let errors = parse("sku,price\n\"A,100\n").errors;
        assert_eq!((errors[0].line, errors[0].column.as_str()), (2, "sku"));
        let garbled = parse("sku,price\nA\u{0},100\nB,1\u{1b}00\n");
        let at: Vec<(u32, &str)> = garbled
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_str()))
            .collect();
        assert_eq!(at, [(2, "sku"), (3, "price")]);
        assert!(garbled.rows.is_empty());
    }

    #[test]
    fn a_report_answers_in_the_language_asked_for() {
        let current = record("A", 128_000, 10, 4);
        let row = ImportRow {
            line: 2,
            sku: "A".into(),
            price: Some(Money::twd(12_345)),
            compare_at: None,
            on_hand: None,
            weight_grams: None,
        };
        let mut errors = parse("sku,price\nB,abc\n").errors;
        errors.extend(update(&row, &current).unwrap_err());
        let report = ImportReport {
            dry_run: true,
            applied: false,
            rows: 1,
            changes: vec![],
            errors,
        };
        let messages =
            |r: ImportReport| -> Vec<String> { r.errors.into_iter().map(|e| e.message).collect() };
        assert_eq!(
            messages(report.clone().in_language(Locale::En)),
            [
                "must be an amount in dollars, like 1280 or 1,280.50",
                "must be whole dollars"
            ]
        );
        assert_eq!(
            messages(report.in_language(Locale::ZhTw)),
            [
                "必須是以元為單位的金額，例如 1280 或 1,280.50",
                "必須是整數金額，不能有小數"
            ]
        );
    }

    #[test]
    fn an_update_keeps_the_rules_of_the_forms() {
        let current = record("A", 128_000, 10, 4);
        let row = |price: Option<i64>, was: Option<Option<i64>>, on_hand: Option<i64>| ImportRow {
            line: 2,
            sku: "A".into(),
            price: price.map(Money::twd),
            compare_at: was.map(|w| w.map(Money::twd)),
            on_hand,
            weight_grams: None,
        };
        let fine = update(&row(Some(99_000), Some(Some(128_000)), Some(24)), &current).unwrap();
        let columns: Vec<&str> = fine.changes.iter().map(|c| c.column.as_str()).collect();
        assert_eq!(columns, ["price", "compare_at", "on_hand"]);
        assert_eq!(
            (
                fine.changes[0].before.as_str(),
                fine.changes[0].after.as_str()
            ),
            ("1280", "990")
        );
        let columns = |r: ImportRow| -> Vec<String> {
            update(&r, &current)
                .unwrap_err()
                .into_iter()
                .map(|e| e.column)
                .collect()
        };
        assert_eq!(
            columns(row(None, Some(Some(100_000)), None)),
            ["compare_at"]
        );
        assert_eq!(
            columns(row(Some(12_345), None, Some(3))),
            ["price", "on_hand"]
        );
    }
}
