//! Reaching a broker: URLs, connection profiles, the MQTT worker and the built-in broker.
//! Uses `model`, `protocol`, `social` and `storage`; never `desktop` or the UI.

pub mod broker;
pub mod hosted_broker;
pub mod net;
pub mod profile;
