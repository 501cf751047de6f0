//! When something happened, in words: "just now", "5 minutes ago",
//! "vor 3 Stunden", then a date written the language's way.

use chrono::{DateTime, Datelike as _, Local, Utc};

use super::Translations;

/// The month names' keys, January first.
pub(super) const MONTHS: [&str; 12] = [
    "month-january",
    "month-february",
    "month-march",
    "month-april",
    "month-may",
    "month-june",
    "month-july",
    "month-august",
    "month-september",
    "month-october",
    "month-november",
    "month-december",
];

/// The weekday names' keys, Monday first.
pub(super) const WEEKDAYS: [&str; 7] = [
    "weekday-monday",
    "weekday-tuesday",
    "weekday-wednesday",
    "weekday-thursday",
    "weekday-friday",
    "weekday-saturday",
    "weekday-sunday",
];

/// How long ago a week is: older than this shows its date.
const WEEK: i64 = 7 * 86_400;

impl Translations {
    /// How long before `now` `then` was: seconds, minutes, hours and days
    /// ago, a date after a week. A clock that runs fast says "just now".
    pub fn relative_time(&self, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let secs = (now - then).num_seconds();
        let (key, count) = match secs {
            s if s < 10 => return self.tr("time-just-now"),
            s if s < 60 => ("time-seconds-ago", s),
            s if s < 3_600 => ("time-minutes-ago", s / 60),
            s if s < 86_400 => ("time-hours-ago", s / 3_600),
            s if s < WEEK => ("time-days-ago", s / 86_400),
            _ => return self.date(then),
        };
        self.tr_args(key, &[("count", count.into())])
    }

    /// The day, in local time: "5 March 2025", "5. März 2025".
    pub fn date(&self, then: DateTime<Utc>) -> String {
        let local = then.with_timezone(&Local);
        self.tr_args(
            "date",
            &[
                ("day", local.day().into()),
                ("month", self.month(local.month0()).into()),
                // A string: as a number it would be grouped ("2,025").
                ("year", local.year().to_string().into()),
            ],
        )
    }

    /// The day and time, in local time, for a hover.
    pub fn date_time(&self, then: DateTime<Utc>) -> String {
        let local = then.with_timezone(&Local);
        let weekday = local.weekday().num_days_from_monday() as usize;
        let weekday = WEEKDAYS.get(weekday).map(|key| self.tr(key));
        self.tr_args(
            "date-time",
            &[
                ("weekday", weekday.unwrap_or_default().into()),
                ("date", self.date(then).into()),
                ("time", local.format("%H:%M:%S").to_string().into()),
            ],
        )
    }

    fn month(&self, month0: u32) -> String {
        MONTHS
            .get(month0 as usize)
            .map(|key| self.tr(key))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Language;
    use super::*;
    use chrono::{Duration, TimeZone as _};

    #[test]
    fn relative_times_in_english() {
        let tr = Translations::new(Language::English);
        let now = Utc::now();
        let ago = |secs: i64| tr.relative_time(now - Duration::seconds(secs), now);
        assert_eq!(ago(0), "just now");
        assert_eq!(ago(-5), "just now", "a fast clock");
        assert_eq!(ago(42), "42 seconds ago");
        assert_eq!(ago(60), "1 minute ago");
        assert_eq!(ago(125), "2 minutes ago");
        assert_eq!(ago(3_600), "1 hour ago");
        assert_eq!(ago(3 * 3_600), "3 hours ago");
        assert_eq!(ago(86_400), "1 day ago");
        assert_eq!(ago(6 * 86_400), "6 days ago");
    }

    #[test]
    fn relative_times_in_german() {
        let tr = Translations::new(Language::German);
        let now = Utc::now();
        let ago = |secs: i64| tr.relative_time(now - Duration::seconds(secs), now);
        assert_eq!(ago(3), "gerade eben");
        assert_eq!(ago(1), "gerade eben");
        assert_eq!(ago(42), "vor 42 Sekunden");
        assert_eq!(ago(60), "vor 1 Minute");
        assert_eq!(ago(125), "vor 2 Minuten");
        assert_eq!(ago(3_600), "vor 1 Stunde");
        assert_eq!(ago(7_200), "vor 2 Stunden");
        assert_eq!(ago(86_400), "vor 1 Tag");
        assert_eq!(ago(2 * 86_400), "vor 2 Tagen");
    }

    #[test]
    fn older_than_a_week_shows_the_date() {
        // Noon, so no time zone moves it to another day.
        let then = Local
            .with_ymd_and_hms(2025, 3, 5, 12, 0, 0)
            .single()
            .expect("a plain local time")
            .with_timezone(&Utc);
        let now = then + Duration::days(30);
        let english = Translations::new(Language::English);
        assert_eq!(english.relative_time(then, now), "5 March 2025");
        let german = Translations::new(Language::German);
        assert_eq!(german.relative_time(then, now), "5. März 2025");
        assert_eq!(german.date_time(then), "Mittwoch, 5. März 2025, 12:00:00");
        assert_eq!(english.date_time(then), "Wednesday 5 March 2025, 12:00:00");
    }
}
