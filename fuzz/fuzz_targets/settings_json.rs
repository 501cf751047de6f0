//! A settings file and an exported settings file, as read at start and on
//! import.
#![no_main]

use chirp::core::desktop::settings::Settings;
use chirp::core::desktop::settings_transfer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let _ = Settings::from_json(bytes);
    let _ = settings_transfer::parse(bytes);
});
