//! The broker's own figures from `$SYS` topics, for brokers that publish
//! them (mosquitto every `sys_interval` seconds; others differ or keep them
//! for admins). Only a few topics, so the traffic stays negligible.

/// The `$SYS` topics Chirp subscribes to (exact topics, no wildcards).
pub const SYS_TOPICS: [&str; 4] = [
    "$SYS/broker/version",
    "$SYS/broker/clients/connected",
    "$SYS/broker/load/messages/received/1min",
    "$SYS/broker/load/messages/sent/1min",
];

/// One figure, as shown: what it is and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerFigure {
    pub name: &'static str,
    pub value: String,
}

/// The figure a `$SYS` message carries, or None for any other topic (or
/// a payload that is not a short piece of text).
pub fn figure(topic: &str, payload: &[u8]) -> Option<BrokerFigure> {
    let text = std::str::from_utf8(payload).ok()?.trim();
    if text.is_empty() || text.len() > 100 || text.chars().any(char::is_control) {
        return None;
    }
    let per_second = |per_minute: &str| {
        per_minute
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .map(|v| format!("{:.1}", v / 60.0))
    };
    let (name, value) = match topic {
        "$SYS/broker/version" => ("Broker", text.to_owned()),
        "$SYS/broker/clients/connected" => {
            ("Clients connected", text.parse::<u64>().ok()?.to_string())
        }
        "$SYS/broker/load/messages/received/1min" => ("Messages in per second", per_second(text)?),
        "$SYS/broker/load/messages/sent/1min" => ("Messages out per second", per_second(text)?),
        _ => return None,
    };
    Some(BrokerFigure { name, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read_and_junk_is_not() {
        assert_eq!(
            figure("$SYS/broker/clients/connected", b"12"),
            Some(BrokerFigure {
                name: "Clients connected",
                value: "12".into()
            })
        );
        assert_eq!(
            figure("$SYS/broker/load/messages/received/1min", b"600.00").map(|f| f.value),
            Some("10.0".into())
        );
        assert_eq!(
            figure("$SYS/broker/version", b"mosquitto version 2.0.11").map(|f| f.value),
            Some("mosquitto version 2.0.11".into())
        );
        assert_eq!(figure("$SYS/broker/clients/connected", b"lots"), None);
        assert_eq!(figure("$SYS/broker/load/messages/sent/1min", b"-1"), None);
        assert_eq!(figure("$SYS/broker/version", b"\x1b[31mred"), None);
        assert_eq!(figure("$SYS/broker/version", &[0xff]), None);
        assert_eq!(figure("hashtags/x", b"12"), None);
    }
}
