//! The broker address a person types (or a settings file holds).
#![no_main]

use chirp::core::connection::broker::BrokerAddress;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = BrokerAddress::parse(text);
    }
});
