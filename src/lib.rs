//! Chirp: a Twitter-like hashtag client on MQTT.
//!
//! `core` holds the model, wire format, validation, settings and the MQTT
//! worker, with no egui; `ui` is the window over it; `cli` the command line.

pub mod cli;
pub mod core;
#[cfg(feature = "gui")]
pub mod ui;
