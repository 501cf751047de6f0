//! Presence and profile payloads (retained, so junk waits for every
//! subscriber).
#![no_main]

use chirp::core::social::{presence, profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|payload: &[u8]| {
    let _ = presence::decode("chirp/presence/alice", payload);
    let _ = profile::decode("chirp/profile/alice", payload);
});
