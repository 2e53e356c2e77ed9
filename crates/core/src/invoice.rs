//! 電子發票: the uniform e-invoice every B2C order in Taiwan issues, as the shopper chooses it at
//! checkout — kept on a carrier (the shop's member carrier, a mobile barcode, a citizen digital
//! certificate), donated to a charity by its 愛心碼, or made out to a company by its 統一編號 —
//! and the invoice numbers an issuer assigns, two letters and eight digits per two-month period.
//!
//! The browser checks the choice as the shopper types it; the server checks it again before
//! the order is stored. Every refusal names its field under `invoice`.

use serde::{Deserialize, Serialize};

use crate::{FieldError, Money};

/// How the shopper takes the invoice. `POST /api/v1/orders` reads it as
/// `{"kind": "mobile_barcode", "carrier": "/ABC+123"}` and so on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InvoiceChoice {
    /// Kept on the shop's member carrier (會員載具): nothing to type, the default.
    #[default]
    MemberCarrier,
    /// 手機條碼: `/` and seven of `0-9 A-Z . + -`, as the Ministry of Finance's app shows it.
    MobileBarcode { carrier: String },
    /// 自然人憑證: two capital letters and fourteen digits.
    Certificate { carrier: String },
    /// Given to a charity by its 愛心碼 (3–7 digits): the shopper keeps nothing.
    Donation { love_code: String },
    /// 三聯式: made out to a company, by its 統一編號 and its name.
    Company { tax_id: String, title: String },
}

/// Read through a flat form of the same JSON: serde's derive for a tagged enum buffers the
/// whole object first, which costs the checkout app 7.6 KB of wasm; this costs a fraction.
impl<'de> Deserialize<'de> for InvoiceChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;

        #[derive(Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum Kind {
            MemberCarrier,
            MobileBarcode,
            Certificate,
            Donation,
            Company,
        }

        #[derive(Deserialize)]
        struct Flat {
            kind: Kind,
            carrier: Option<String>,
            love_code: Option<String>,
            tax_id: Option<String>,
            title: Option<String>,
        }

        let flat = Flat::deserialize(deserializer)?;
        let given =
            |value: Option<String>, name| value.ok_or_else(|| D::Error::missing_field(name));
        Ok(match flat.kind {
            Kind::MemberCarrier => InvoiceChoice::MemberCarrier,
            Kind::MobileBarcode => InvoiceChoice::MobileBarcode {
                carrier: given(flat.carrier, "carrier")?,
            },
            Kind::Certificate => InvoiceChoice::Certificate {
                carrier: given(flat.carrier, "carrier")?,
            },
            Kind::Donation => InvoiceChoice::Donation {
                love_code: given(flat.love_code, "love_code")?,
            },
            Kind::Company => InvoiceChoice::Company {
                tax_id: given(flat.tax_id, "tax_id")?,
                title: given(flat.title, "title")?,
            },
        })
    }
}

/// Charities shoppers know, offered as choices beside a free 愛心碼 field.
pub const WELL_KNOWN_CHARITIES: [(&str, &str, &str); 5] = [
    (
        "919",
        "創世社會福利基金會",
        "Genesis Social Welfare Foundation",
    ),
    ("8585", "台灣世界展望會", "World Vision Taiwan"),
    (
        "25885",
        "伊甸社會福利基金會",
        "Eden Social Welfare Foundation",
    ),
    (
        "5380",
        "家扶基金會",
        "Taiwan Fund for Children and Families",
    ),
    ("1111", "董氏基金會", "John Tung Foundation"),
];

/// Longest company name an invoice prints.
pub const MAX_TITLE_CHARS: usize = 60;

impl InvoiceChoice {
    /// The kind, as the API names it (`member_carrier`, `mobile_barcode`, …).
    pub fn kind(&self) -> &'static str {
        match self {
            InvoiceChoice::MemberCarrier => "member_carrier",
            InvoiceChoice::MobileBarcode { .. } => "mobile_barcode",
            InvoiceChoice::Certificate { .. } => "certificate",
            InvoiceChoice::Donation { .. } => "donation",
            InvoiceChoice::Company { .. } => "company",
        }
    }

    /// What the shopper typed for it, in a line (empty for the member carrier).
    pub fn detail(&self) -> String {
        match self {
            InvoiceChoice::MemberCarrier => String::new(),
            InvoiceChoice::MobileBarcode { carrier } | InvoiceChoice::Certificate { carrier } => {
                carrier.clone()
            }
            InvoiceChoice::Donation { love_code } => love_code.clone(),
            InvoiceChoice::Company { tax_id, title } => format!("{tax_id} {title}"),
        }
    }
    /// The same choice with what the shopper typed tidied as the tax authority stores it
    /// (spaces trimmed; a barcode and a certificate in capitals).
    pub fn normalized(&self) -> InvoiceChoice {
        match self {
            InvoiceChoice::MemberCarrier => InvoiceChoice::MemberCarrier,
            InvoiceChoice::MobileBarcode { carrier } => InvoiceChoice::MobileBarcode {
                carrier: carrier.trim().to_ascii_uppercase(),
            },
            InvoiceChoice::Certificate { carrier } => InvoiceChoice::Certificate {
                carrier: carrier.trim().to_ascii_uppercase(),
            },
            InvoiceChoice::Donation { love_code } => InvoiceChoice::Donation {
                love_code: love_code.trim().to_owned(),
            },
            InvoiceChoice::Company { tax_id, title } => InvoiceChoice::Company {
                tax_id: tax_id.trim().to_owned(),
                title: title.trim().to_owned(),
            },
        }
    }

    /// Checks the choice as given (call [`InvoiceChoice::normalized`] first to forgive case and
    /// spaces); the error names `invoice.carrier`, `invoice.love_code`, `invoice.tax_id` or
    /// `invoice.title`.
    pub fn check(&self) -> Result<(), FieldError> {
        match self {
            InvoiceChoice::MemberCarrier => Ok(()),
            InvoiceChoice::MobileBarcode { carrier } if is_mobile_barcode(carrier) => Ok(()),
            InvoiceChoice::MobileBarcode { .. } => Err(FieldError::said(
                "invoice.carrier",
                "must be a mobile barcode: / and 7 letters, digits or . + -",
                "手機條碼格式為 / 加 7 碼英數字或 . + -",
            )),
            InvoiceChoice::Certificate { carrier } if is_certificate(carrier) => Ok(()),
            InvoiceChoice::Certificate { .. } => Err(FieldError::said(
                "invoice.carrier",
                "must be a citizen digital certificate number: 2 capital letters and 14 digits",
                "自然人憑證條碼為 2 碼大寫英文加 14 碼數字",
            )),
            InvoiceChoice::Donation { love_code } if is_love_code(love_code) => Ok(()),
            InvoiceChoice::Donation { .. } => Err(FieldError::said(
                "invoice.love_code",
                "must be a charity's donation code: 3 to 7 digits",
                "愛心碼為 3 至 7 碼數字",
            )),
            InvoiceChoice::Company { tax_id, .. } if !is_tax_id(tax_id) => Err(FieldError::said(
                "invoice.tax_id",
                "must be a company's 8-digit tax ID (統一編號)",
                "請輸入正確的 8 碼統一編號",
            )),
            InvoiceChoice::Company { title, .. } => {
                let n = title.trim().chars().count();
                if n == 0 || n > MAX_TITLE_CHARS || title.contains(char::is_control) {
                    Err(FieldError::said(
                        "invoice.title",
                        "must be the company's name, 1–60 characters",
                        "請輸入公司抬頭（1–60 字）",
                    ))
                } else {
                    Ok(())
                }
            }
        }
    }
}

/// `/` and seven of `0-9 A-Z . + -`.
pub fn is_mobile_barcode(text: &str) -> bool {
    let Some(code) = text.strip_prefix('/') else {
        return false;
    };
    code.len() == 7
        && code
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase() || b"+-.".contains(&b))
}

/// Two capital letters and fourteen digits.
pub fn is_certificate(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 16
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

/// Three to seven digits.
pub fn is_love_code(text: &str) -> bool {
    (3..=7).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// A 統一編號: eight digits whose weighted digit sum (weights 1 2 1 2 1 2 4 1, each product's
/// digits added) is a multiple of 5 — or, when the seventh digit is 7 (whose product, 28,
/// may be counted as 1 or 0), that sum plus one is. The Ministry of Finance widened the rule
/// from multiples of 10 to multiples of 5 in 2023, as numbers ran out; older numbers pass both.
pub fn is_tax_id(text: &str) -> bool {
    const WEIGHTS: [u32; 8] = [1, 2, 1, 2, 1, 2, 4, 1];
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u32> = text.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| {
            let product = d * w;
            product / 10 + product % 10
        })
        .sum();
    sum.is_multiple_of(5) || (digits[6] == 7 && (sum + 1).is_multiple_of(5))
}

/// The two-month period an invoice belongs to (Jan–Feb is 1, … Nov–Dec is 6), as the tax
/// authority hands out number ranges per period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct InvoicePeriod {
    pub year: i32,
    pub period: u8,
}

impl InvoicePeriod {
    /// The period of a (Taipei) date's `month`, 1–12.
    pub fn of(year: i32, month: u8) -> InvoicePeriod {
        InvoicePeriod {
            year,
            period: month.clamp(1, 12).div_ceil(2),
        }
    }

    /// The period of a moment (Unix seconds), in Taipei, where periods turn at midnight.
    pub fn at(unix: i64) -> InvoicePeriod {
        let (date, _) = crate::delivery::taipei(unix);
        InvoicePeriod::of(date.year, date.month)
    }

    /// `2026-6`, as records key a period.
    pub fn key(self) -> String {
        format!("{}-{}", self.year, self.period)
    }

    /// Reads [`InvoicePeriod::key`] back.
    pub fn from_key(key: &str) -> Option<InvoicePeriod> {
        let (year, period) = key.split_once('-')?;
        let period: u8 = period.parse().ok()?;
        (1..=6).contains(&period).then_some(InvoicePeriod {
            year: year.parse().ok()?,
            period,
        })
    }

    /// `115年11-12月`: how an invoice prints its period, in the Republic of China calendar.
    pub fn label(self) -> String {
        let first = self.period * 2 - 1;
        format!("{}年{:02}-{:02}月", self.year - 1911, first, first + 1)
    }
}

/// The invoice of an order, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceView {
    /// How the shopper chose to take it.
    pub choice: InvoiceChoice,
    /// `AB12345678`, once issued (when the order is paid; cash on delivery, when delivered).
    #[serde(default)]
    pub number: Option<String>,
    /// `115年11-12月`, once issued.
    #[serde(default)]
    pub period: Option<String>,
    /// Voided (作廢): the whole order was refunded in the invoice's own period.
    #[serde(default)]
    pub voided: bool,
    /// Given back by allowance (折讓) after a refund, in total.
    #[serde(default)]
    pub allowance: Option<Money>,
}

impl InvoiceView {
    /// An invoice chosen and not issued yet (the order is not paid).
    pub fn chosen(choice: InvoiceChoice) -> InvoiceView {
        InvoiceView {
            choice,
            number: None,
            period: None,
            voided: false,
            allowance: None,
        }
    }
}

/// What a refund does to an issued invoice, by the tax authority's rules: within the period
/// it was issued in, an invoice whose order is refunded as a whole is voided (作廢) and never
/// counts; anything else (a part, or after its period closed) is given back by an allowance
/// (折讓單) for the difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvoiceAdjustment {
    Void,
    Allowance(Money),
}

/// How to bring an invoice of `invoiced`, issued in `issued_in`, `allowed` of it already given
/// back by allowances, in line with what its order now `owes` (its total less what was
/// refunded), `today_in` this period; `None` when it says so already.
pub fn adjustment(
    issued_in: InvoicePeriod,
    today_in: InvoicePeriod,
    invoiced: Money,
    allowed: Money,
    owes: Money,
) -> Option<InvoiceAdjustment> {
    let owes = owes.amount.max(0);
    if owes == 0 && allowed.amount == 0 && issued_in == today_in {
        return Some(InvoiceAdjustment::Void);
    }
    let more = invoiced.amount - allowed.amount - owes;
    (more > 0).then_some(InvoiceAdjustment::Allowance(Money {
        amount: more,
        ..invoiced
    }))
}

/// An invoice number: two capital letters (the period's track) and eight digits.
pub fn is_invoice_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[..2].iter().all(u8::is_ascii_uppercase)
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_ids_follow_the_ministrys_checksum() {
        // Real numbers (a bank, a government agency, a famous company) and the rule's edge.
        for ok in ["04595257", "22099131", "53212539", "12345675", "10458575"] {
            assert!(is_tax_id(ok), "{ok}");
        }
        for bad in [
            "04595258",
            "1234567",
            "123456789",
            "0459525A",
            "",
            "12345678",
        ] {
            assert!(!is_tax_id(bad), "{bad}");
        }
    }

    #[test]
    fn a_seventh_digit_of_seven_may_count_as_one_or_zero() {
        // Weighted sum 29 counted one way, 30 the other: valid by the special rule only.
        let special = "10458574";
        assert_eq!(&special[6..7], "7");
        let plain_sum = |t: &str| -> u32 {
            t.bytes()
                .zip([1, 2, 1, 2, 1, 2, 4, 1])
                .map(|(b, w)| {
                    let p = u32::from(b - b'0') * w;
                    p / 10 + p % 10
                })
                .sum()
        };
        assert_ne!(plain_sum(special) % 5, 0);
        assert_eq!((plain_sum(special) + 1) % 5, 0);
        assert!(is_tax_id(special));
    }

    #[test]
    fn carriers_and_love_codes() {
        assert!(is_mobile_barcode("/ABC+123") && is_mobile_barcode("/A.B-9Z0"));
        for bad in [
            "ABC+1234",
            "/ABC+12",
            "/ABC+1234",
            "/abc+123",
            "/ABC 123",
            "/ABC_123",
        ] {
            assert!(!is_mobile_barcode(bad), "{bad}");
        }
        assert!(is_certificate("AB12345678901234"));
        for bad in [
            "ab12345678901234",
            "A123456789012345",
            "AB1234567890123",
            "AB1234567890123X",
        ] {
            assert!(!is_certificate(bad), "{bad}");
        }
        assert!(is_love_code("919") && is_love_code("8585") && is_love_code("1234567"));
        assert!(!is_love_code("91") && !is_love_code("12345678") && !is_love_code("91a"));
        for (code, _, _) in WELL_KNOWN_CHARITIES {
            assert!(is_love_code(code), "{code}");
        }
    }

    #[test]
    fn each_refusal_names_its_field_and_typing_is_forgiven() {
        let field = |c: InvoiceChoice| c.normalized().check().unwrap_err().field;
        let barcode = |c: &str| InvoiceChoice::MobileBarcode { carrier: c.into() };
        assert_eq!(barcode(" /abc+123 ").normalized().check(), Ok(()));
        assert_eq!(field(barcode("/ABC")), "invoice.carrier");
        let certificate = InvoiceChoice::Certificate {
            carrier: "ab123".into(),
        };
        assert_eq!(field(certificate), "invoice.carrier");
        let donation = InvoiceChoice::Donation {
            love_code: "12".into(),
        };
        assert_eq!(field(donation), "invoice.love_code");
        let company = |tax_id: &str, title: &str| InvoiceChoice::Company {
            tax_id: tax_id.into(),
            title: title.into(),
        };
        assert_eq!(company("04595257", "四流選物股份有限公司").check(), Ok(()));
        assert_eq!(field(company("04595258", "四流選物")), "invoice.tax_id");
        assert_eq!(field(company("04595257", "  ")), "invoice.title");
        assert_eq!(
            field(company("04595257", &"名".repeat(61))),
            "invoice.title"
        );
        assert_eq!(InvoiceChoice::default().check(), Ok(()));
    }

    #[test]
    fn the_api_reads_the_kind_and_the_fields_it_needs() {
        let read = |json: &str| serde_json::from_str::<InvoiceChoice>(json).unwrap();
        assert_eq!(
            read(r#"{"kind":"member_carrier"}"#),
            InvoiceChoice::MemberCarrier
        );
        assert_eq!(
            read(r#"{"kind":"company","tax_id":"04595257","title":"四流"}"#),
            InvoiceChoice::Company {
                tax_id: "04595257".into(),
                title: "四流".into()
            }
        );
        assert!(serde_json::from_str::<InvoiceChoice>(r#"{"kind":"donation"}"#).is_err());
        assert!(serde_json::from_str::<InvoiceChoice>(r#"{"kind":"lottery"}"#).is_err());
        // What it writes, it reads.
        for choice in [
            InvoiceChoice::MemberCarrier,
            InvoiceChoice::Donation {
                love_code: "919".into(),
            },
            InvoiceChoice::Company {
                tax_id: "04595257".into(),
                title: "四流".into(),
            },
        ] {
            let json = serde_json::to_string(&choice).unwrap();
            assert_eq!(
                serde_json::from_str::<InvoiceChoice>(&json).unwrap(),
                choice,
                "{json}"
            );
        }
    }

    #[test]
    fn periods_are_two_months_and_print_in_the_roc_calendar() {
        assert_eq!(InvoicePeriod::of(2026, 1).period, 1);
        assert_eq!(InvoicePeriod::of(2026, 2).period, 1);
        assert_eq!(InvoicePeriod::of(2026, 11).period, 6);
        assert_eq!(InvoicePeriod::of(2026, 12).label(), "115年11-12月");
        assert_eq!(InvoicePeriod::of(2027, 3).label(), "116年03-04月");
        let nov = InvoicePeriod::of(2026, 11);
        assert_eq!(InvoicePeriod::from_key(&nov.key()), Some(nov));
        assert_eq!(InvoicePeriod::from_key("2026-7"), None);
        // Periods turn at midnight in Taipei: 2026-12-31 16:00 UTC is New Year there.
        assert_eq!(InvoicePeriod::at(1_798_732_800), InvoicePeriod::of(2027, 1));
        assert_eq!(
            InvoicePeriod::at(1_798_732_799),
            InvoicePeriod::of(2026, 12)
        );
        assert!(is_invoice_number("AB12345678") && !is_invoice_number("Ab12345678"));
    }

    #[test]
    fn a_whole_refund_in_the_period_voids_anything_else_is_an_allowance() {
        let nov = InvoicePeriod::of(2026, 11);
        let jan = InvoicePeriod::of(2027, 1);
        let twd = Money::twd;
        let whole = twd(128_000);
        let nothing = twd(0);
        assert_eq!(
            adjustment(nov, nov, whole, nothing, nothing),
            Some(InvoiceAdjustment::Void)
        );
        assert_eq!(
            adjustment(nov, jan, whole, nothing, nothing),
            Some(InvoiceAdjustment::Allowance(whole)),
            "the period has closed"
        );
        assert_eq!(
            adjustment(nov, nov, whole, nothing, twd(98_000)),
            Some(InvoiceAdjustment::Allowance(twd(30_000)))
        );
        // A second refund allows only what the first did not.
        assert_eq!(
            adjustment(nov, nov, whole, twd(30_000), nothing),
            Some(InvoiceAdjustment::Allowance(twd(98_000)))
        );
        assert_eq!(adjustment(nov, nov, whole, twd(30_000), twd(98_000)), None);
        assert_eq!(adjustment(nov, nov, whole, nothing, whole), None);
    }

    proptest::proptest! {
        #[test]
        fn a_mistyped_last_digit_of_a_tax_id_is_caught(n in 0u32..100_000_000) {
            let text = format!("{n:08}");
            if is_tax_id(&text) {
                // The last digit weighs 1, so the sum moves as it does: caught unless it moves
                // by five, or the seventh digit's 7 lets a second sum pass.
                let last = text.as_bytes()[7] - b'0';
                for other in 0..10u8 {
                    if other != last && !(other + 10 - last).is_multiple_of(5) {
                        let changed = format!("{}{}", &text[..7], other);
                        proptest::prop_assert!(!is_tax_id(&changed) || text.as_bytes()[6] == b'7');
                    }
                }
            }
        }
    }
}
