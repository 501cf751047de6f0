//! When a tweet was sent, as a card shows it ("5 min ago", the full date
//! on hover), and how its delivery goes.

use chrono::{DateTime, Utc};

use super::style;
use crate::core::model::timeline::Delivery;

/// "just now", "42 s ago", "5 min ago", "3 h ago", then the date.
pub fn relative_time(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - then).num_seconds();
    match secs {
        s if s < 10 => "just now".to_owned(),
        s if s < 60 => format!("{s} s ago"),
        s if s < 3_600 => format!("{} min ago", s / 60),
        s if s < 86_400 => format!("{} h ago", s / 3_600),
        _ => then
            .with_timezone(&chrono::Local)
            .format("%e %b %Y")
            .to_string(),
    }
}

pub fn absolute_time(then: DateTime<Utc>) -> String {
    then.with_timezone(&chrono::Local)
        .format("%A %e %B %Y, %H:%M:%S")
        .to_string()
}

/// "sending…", "waiting for connection" or "sent" on one's own tweet.
pub fn delivery_label(
    delivery: Delivery,
    connected: bool,
    visuals: &egui::Visuals,
) -> Option<(&'static str, egui::Color32)> {
    match delivery {
        Delivery::Received => None,
        Delivery::Pending if connected => Some(("sending…", style::warn(visuals))),
        Delivery::Pending => Some(("waiting for connection", style::warn(visuals))),
        Delivery::Acknowledged => Some(("sent", style::ok(visuals))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn relative_times() {
        let now = Utc::now();
        assert_eq!(relative_time(now, now), "just now");
        assert_eq!(
            relative_time(now + Duration::seconds(5), now),
            "just now",
            "a fast clock"
        );
        assert_eq!(relative_time(now - Duration::seconds(42), now), "42 s ago");
        assert_eq!(
            relative_time(now - Duration::seconds(125), now),
            "2 min ago"
        );
        assert_eq!(relative_time(now - Duration::hours(3), now), "3 h ago");
    }
}
