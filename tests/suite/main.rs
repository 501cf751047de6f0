//! Every integration test, in one binary: one link instead of one per file
//! keeps the build small and fast. Each module is one area (a file of its
//! own); `common` holds the fixtures (a real mosquitto on a free port, a
//! Chirp core, waits with deadlines).

// Test code: a fixture that fails should stop the test loudly, and a test
// reads best as one story (the 60-line rule is for src/).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;
#[path = "common/keyring_bus.rs"]
mod keyring_bus;
#[path = "common/secure.rs"]
mod secure;

mod auth;
mod checked_when_shown;
mod cli;
mod cli_dm;
mod cli_identity;
mod cli_people;
mod cli_reactions;
mod decoder_props;
mod discover;
mod durability;
mod faults;
mod faults_db_locked;
mod faults_disk_full;
mod faults_half_open;
mod faults_slow_link;
mod flood;
mod following_people;
mod fuzz_seeds;
mod hosted_broker;
mod hosted_broker_lock;
mod hostile_input;
mod identity;
mod interop_classic;
mod keyring;
mod late_joiners;
mod mutes_broker;
mod net_exchange;
mod notifications;
mod pacing;
mod presence;
mod private_messages;
mod profiles;
mod reactions;
mod social;
mod status_figures;
mod tls;
mod ui_app;
mod ui_appearance;
mod ui_checked_when_shown;
mod ui_emoji;
mod ui_flood_broker;
mod ui_host_broker;
mod ui_identity;
mod ui_identity_settings;
mod ui_keyboard;
mod ui_language;
mod ui_mutes;
mod ui_people;
mod ui_profiles;
mod ui_reactions;
mod ui_settings_transfer;
mod ui_social;
mod ui_timeline;
mod ui_top_bar;
mod ui_welcome;
mod websockets;
