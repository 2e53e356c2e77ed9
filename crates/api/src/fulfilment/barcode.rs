//! Code 128 barcodes (ISO/IEC 15417), drawn as SVG for the printed slips: the order number and
//! the tracking number, read by the warehouse's and the courier's scanners.
//!
//! Text is encoded in code set B (printable ASCII), switching to code set C (two digits per
//! symbol) for runs of digits long enough to pay for the switch, so that a tracking number of
//! digits stays narrow enough for an A6 slip.

/// Bar and space widths, in modules, of symbol values 0–106 (bar first). Each is 11 modules
/// wide; the stop (106) is 13, with its final bar.
const PATTERNS: [&str; 107] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
];

const CODE_C: u8 = 99;
const CODE_B: u8 = 100;
const START_B: u8 = 104;
const START_C: u8 = 105;
const STOP: u8 = 106;
/// Blank modules each side, so that a scanner finds where the code starts.
const QUIET_ZONE: usize = 10;

/// The text cannot be written in Code 128 (set B covers printable ASCII only).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} cannot be encoded in Code 128: only printable ASCII can")]
pub struct Unencodable(pub char);

/// The symbol values for `text`: start, data, check symbol, stop.
pub fn symbols(text: &str) -> Result<Vec<u8>, Unencodable> {
    if let Some(bad) = text.chars().find(|c| !(' '..='~').contains(c)) {
        return Err(Unencodable(bad));
    }
    let bytes = text.as_bytes();
    let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut out = Vec::with_capacity(bytes.len() + 4);
    let mut in_c = false;
    let mut i = 0;
    while i < bytes.len() {
        let run = digits_from(i);
        let at_edge = i == 0 || i + run == bytes.len();
        // Set C pays for itself from 4 digits at either end, 6 in the middle (two switches).
        let worth_c = run >= if at_edge { 4 } else { 6 };
        if worth_c && !in_c {
            // An odd digit goes first, in set B, so that the rest pair up.
            if run % 2 == 1 {
                if out.is_empty() {
                    out.push(START_B);
                }
                out.push(bytes[i] - b' ');
                i += 1;
            }
            out.push(if out.is_empty() { START_C } else { CODE_C });
            in_c = true;
        }
        if in_c && digits_from(i) >= 2 {
            out.push((bytes[i] - b'0') * 10 + (bytes[i + 1] - b'0'));
            i += 2;
            continue;
        }
        if in_c {
            out.push(CODE_B);
            in_c = false;
        }
        if out.is_empty() {
            out.push(START_B);
        }
        out.push(bytes[i] - b' ');
        i += 1;
    }
    if out.is_empty() {
        out.push(START_B);
    }
    out.push(check_symbol(&out));
    out.push(STOP);
    Ok(out)
}

/// The start value plus each data value times its position, modulo 103.
pub fn check_symbol(start_and_data: &[u8]) -> u8 {
    let sum: usize = start_and_data
        .iter()
        .enumerate()
        .map(|(i, &v)| usize::from(v) * i.max(1))
        .sum();
    (sum % 103) as u8
}

/// The modules of `symbols`, `1` for bar and `0` for space, without quiet zones.
pub fn modules(symbols: &[u8]) -> String {
    let mut out = String::with_capacity(symbols.len() * 11 + 2);
    for &symbol in symbols {
        for (i, width) in PATTERNS[usize::from(symbol)].bytes().enumerate() {
            let module = if i % 2 == 0 { '1' } else { '0' };
            out.extend(std::iter::repeat_n(module, usize::from(width - b'0')));
        }
    }
    out
}

/// `text` as an SVG barcode `height` modules tall, with the text beneath it. The SVG scales:
/// its width is in modules and the page sets the printed size.
pub fn svg(text: &str, height: usize) -> Result<String, Unencodable> {
    let bars = modules(&symbols(text)?);
    let width = bars.len() + 2 * QUIET_ZONE;
    let mut rects = String::new();
    let mut x = 0;
    // One rectangle per bar (a run of 1s), not per module: smaller files, crisper print.
    for run in bars.as_bytes().chunk_by(|a, b| a == b) {
        if run[0] == b'1' {
            rects.push_str(&format!(
                r#"<rect x="{}" y="0" width="{}" height="{height}"/>"#,
                x + QUIET_ZONE,
                run.len()
            ));
        }
        x += run.len();
    }
    let text_y = height + 9;
    let text = super::escape_html(text);
    Ok(format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" class="barcode" viewBox="0 0 {width} {}" role="img" aria-label="{text}" shape-rendering="crispEdges"><g fill="#000">{rects}</g><text x="{}" y="{text_y}" font-family="monospace" font-size="9" text-anchor="middle">{text}</text></svg>"##,
        height + 12,
        width / 2,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_is_eleven_modules_and_the_stop_thirteen() {
        for (value, pattern) in PATTERNS.iter().enumerate() {
            let sum: u32 = pattern.bytes().map(|b| u32::from(b - b'0')).sum();
            assert_eq!(sum, if value == 106 { 13 } else { 11 }, "{value}");
        }
        let mut unique = PATTERNS.to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 107);
    }

    #[test]
    fn known_start_and_stop_patterns() {
        assert_eq!(modules(&[START_B]), "11010010000");
        assert_eq!(modules(&[START_C]), "11010011100");
        assert_eq!(modules(&[STOP]), "1100011101011");
    }

    #[test]
    fn the_check_symbol_of_a_known_string() {
        // "PJJ123C" in set B: 104 + 48·1 + 42·2 + 42·3 + 17·4 + 18·5 + 19·6 + 35·7 = 879;
        // 879 mod 103 = 55. (The digit run is in the middle and too short for set C.)
        assert_eq!(
            symbols("PJJ123C").unwrap(),
            [104, 48, 42, 42, 17, 18, 19, 35, 55, 106]
        );
        // Digits only: set C from the start, pairs as values: 105 + 12·1 + 34·2 = 185 → 82.
        assert_eq!(symbols("1234").unwrap(), [105, 12, 34, 82, 106]);
    }

    #[test]
    fn digit_runs_switch_to_set_c_and_back() {
        // "FF" in B, then 8 digits in C, then "-AB" back in B.
        let s = symbols("FF20261125-AB").unwrap();
        assert_eq!(&s[..8], &[START_B, 38, 38, CODE_C, 20, 26, 11, 25], "{s:?}");
        assert_eq!(&s[8..12], &[CODE_B, 13, 33, 34]);
        assert_eq!(&s[12..], &[check_symbol(&s[..12]), STOP]);
        // An odd run at the start: its first digit in B, the rest in C.
        assert_eq!(
            &symbols("12345").unwrap()[..5],
            &[START_B, 17, CODE_C, 23, 45]
        );
        // A tracking number: "SB" then ten digits in C.
        assert_eq!(symbols("SB0123456789").unwrap().len(), 3 + 1 + 5 + 2);
    }

    #[test]
    fn the_svg_draws_every_bar_and_refuses_what_it_cannot_encode() {
        let svg = svg("FF20261125-ABC234", 40).unwrap();
        let bars = modules(&symbols("FF20261125-ABC234").unwrap());
        let runs = bars
            .as_bytes()
            .chunk_by(|a, b| a == b)
            .filter(|r| r[0] == b'1')
            .count();
        assert_eq!(svg.matches("<rect").count(), runs);
        assert!(svg.starts_with("<svg") && svg.contains("FF20261125-ABC234</text>"));
        assert_eq!(symbols("訂單"), Err(Unencodable('訂')));
    }
}
