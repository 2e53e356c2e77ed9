//! The shop's working calendar: civil dates in Taipei time, weekends, and Taiwan's national
//! holidays. Plain integer arithmetic (days from the civil epoch), so that it needs no date
//! library and runs in the browser exactly as on the server.

use std::fmt;

/// Taipei is UTC+8 all year (no daylight saving).
pub const TAIPEI_OFFSET_SECONDS: i64 = 8 * 60 * 60;

/// A calendar day, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Day of the week, Monday first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Date {
    pub const fn new(year: i32, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
    pub fn days(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12; // March = 0
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01. Hinnant's `civil_from_days`.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        const FROM_THURSDAY: [Weekday; 7] = [
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
        ];
        FROM_THURSDAY[self.days().rem_euclid(7) as usize]
    }

    pub fn plus_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Reads `YYYY-MM-DD`; `None` for anything else, or a day that does not exist.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        let date = Date { year, month, day };
        (parts.next().is_none() && Date::from_days(date.days()) == date).then_some(date)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The date and hour in Taipei at `unix` seconds.
pub fn taipei(unix: i64) -> (Date, u8) {
    let local = unix + TAIPEI_OFFSET_SECONDS;
    let date = Date::from_days(local.div_euclid(86_400));
    let hour = (local.rem_euclid(86_400) / 3600) as u8;
    (date, hour)
}

/// Days off in Taiwan on weekdays (national holidays and the observed days of those falling
/// on a weekend), after the DGPA's published calendars for 2026 and 2027. Data, not a rule:
/// extend it when the next year's calendar is announced. Make-up working Saturdays are not
/// counted: carriers do not deliver on them either.
pub const HOLIDAYS: &[Date] = &[
    // 2026
    Date::new(2026, 1, 1),   // 元旦
    Date::new(2026, 2, 16),  // 春節 (除夕)
    Date::new(2026, 2, 17),  // 春節
    Date::new(2026, 2, 18),  // 春節
    Date::new(2026, 2, 19),  // 春節
    Date::new(2026, 2, 20),  // 春節 (補假)
    Date::new(2026, 2, 27),  // 和平紀念日 (補假)
    Date::new(2026, 4, 3),   // 兒童節 (補假)
    Date::new(2026, 4, 6),   // 清明節 (補假)
    Date::new(2026, 5, 1),   // 勞動節
    Date::new(2026, 6, 19),  // 端午節
    Date::new(2026, 9, 25),  // 中秋節
    Date::new(2026, 9, 28),  // 教師節
    Date::new(2026, 10, 9),  // 國慶日 (補假)
    Date::new(2026, 10, 26), // 臺灣光復暨金門古寧頭大捷紀念日 (補假)
    Date::new(2026, 12, 25), // 行憲紀念日
    // 2027
    Date::new(2027, 1, 1),   // 元旦
    Date::new(2027, 2, 4),   // 春節 (小年夜)
    Date::new(2027, 2, 5),   // 春節 (除夕)
    Date::new(2027, 2, 8),   // 春節 (補假)
    Date::new(2027, 2, 9),   // 春節 (補假)
    Date::new(2027, 3, 1),   // 和平紀念日 (補假)
    Date::new(2027, 4, 5),   // 清明節
    Date::new(2027, 4, 6),   // 兒童節 (補假)
    Date::new(2027, 4, 30),  // 勞動節 (補假)
    Date::new(2027, 6, 9),   // 端午節
    Date::new(2027, 9, 15),  // 中秋節
    Date::new(2027, 9, 28),  // 教師節
    Date::new(2027, 10, 11), // 國慶日 (補假)
    Date::new(2027, 10, 25), // 臺灣光復暨金門古寧頭大捷紀念日
    Date::new(2027, 12, 24), // 行憲紀念日 (補假)
];

/// Monday to Friday, and not a holiday.
pub fn is_business_day(date: Date) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !HOLIDAYS.contains(&date)
}

/// `date` itself if it is a business day, else the next one.
pub fn this_or_next_business_day(date: Date) -> Date {
    let mut day = date;
    while !is_business_day(day) {
        day = day.plus_days(1);
    }
    day
}

/// The business day `n` business days after `date` (`date` itself for 0 if it is one).
pub fn add_business_days(date: Date, n: u32) -> Date {
    let mut day = this_or_next_business_day(date);
    for _ in 0..n {
        day = this_or_next_business_day(day.plus_days(1));
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_round_trip_and_know_the_epoch() {
        assert_eq!(Date::new(1970, 1, 1).days(), 0);
        assert_eq!(Date::new(2026, 11, 25).days(), 1_795_564_800 / 86_400);
        assert_eq!(Date::new(2000, 2, 29).plus_days(1), Date::new(2000, 3, 1));
        assert_eq!(Date::new(2026, 12, 31).plus_days(1), Date::new(2027, 1, 1));
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days(days).days(), days);
        }
    }

    #[test]
    fn weekdays_and_parsing() {
        assert_eq!(Date::new(2026, 11, 25).weekday(), Weekday::Wed);
        assert_eq!(Date::new(2027, 1, 1).weekday(), Weekday::Fri);
        assert_eq!(
            Date::parse("2026-02-28"),
            Some(Date::new(2026, 2, 28)),
            "and it prints back"
        );
        assert_eq!(Date::new(2026, 2, 8).to_string(), "2026-02-08");
        for bad in ["2026-02-29", "2026-13-01", "2026-1", "x", "2026-01-01-01"] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn taipei_is_eight_hours_ahead() {
        // 2026-11-25T00:00:00Z is 08:00 in Taipei; 16:00Z is the next day's midnight.
        assert_eq!(taipei(1_795_564_800), (Date::new(2026, 11, 25), 8));
        assert_eq!(
            taipei(1_795_564_800 + 16 * 3600),
            (Date::new(2026, 11, 26), 0)
        );
    }

    #[test]
    fn holidays_and_weekends_are_skipped() {
        assert!(HOLIDAYS
            .iter()
            .all(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)));
        assert!(
            HOLIDAYS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        let friday = Date::new(2026, 11, 27);
        assert_eq!(add_business_days(friday, 1), Date::new(2026, 11, 30));
        // Lunar New Year 2026: from Friday 13 Feb to Monday 23 Feb.
        assert_eq!(
            add_business_days(Date::new(2026, 2, 13), 1),
            Date::new(2026, 2, 23)
        );
        // Christmas (行憲紀念日) Friday, then New Year's Day Friday.
        assert_eq!(
            add_business_days(Date::new(2026, 12, 24), 1),
            Date::new(2026, 12, 28)
        );
        assert_eq!(
            add_business_days(Date::new(2026, 12, 31), 1),
            Date::new(2027, 1, 4)
        );
    }
}
