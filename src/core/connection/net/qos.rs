//! How hard the broker tries to deliver: MQTT's QoS 0 or 1, per profile.

use serde::{Deserialize, Serialize};

/// QoS 2 is left out: tweets carry ids and readers drop copies, so QoS 1's
/// "at least once" already shows each tweet once, at half QoS 2's packets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Qos {
    /// Fire and forget: fastest, but a tweet in flight when the connection
    /// drops is lost, and a persistent session queues nothing.
    #[serde(rename = "0")]
    AtMostOnce,
    /// Acknowledged by the broker, sent again until it is: nothing is lost.
    #[default]
    #[serde(rename = "1")]
    AtLeastOnce,
}

impl Qos {
    pub const ALL: [Qos; 2] = [Qos::AtLeastOnce, Qos::AtMostOnce];

    pub fn to_mqtt(self) -> rumqttc::QoS {
        match self {
            Qos::AtMostOnce => rumqttc::QoS::AtMostOnce,
            Qos::AtLeastOnce => rumqttc::QoS::AtLeastOnce,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Qos::AtMostOnce => "QoS 0 (at most once)",
            Qos::AtLeastOnce => "QoS 1 (at least once)",
        }
    }

    /// Parses `0` or `1`, as given on the command line.
    pub fn from_level(level: &str) -> Option<Qos> {
        match level.trim() {
            "0" => Some(Qos::AtMostOnce),
            "1" => Some(Qos::AtLeastOnce),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_as_the_level_number() {
        assert_eq!(
            serde_json::to_string(&Qos::AtMostOnce).expect("serialize"),
            "\"0\""
        );
        let back: Qos = serde_json::from_str("\"1\"").expect("deserialize");
        assert_eq!(back, Qos::AtLeastOnce);
        assert_eq!(Qos::from_level("0"), Some(Qos::AtMostOnce));
        assert_eq!(Qos::from_level("2"), None);
    }
}
