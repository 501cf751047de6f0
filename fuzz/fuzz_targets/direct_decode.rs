//! Direct messages: the envelope, its signature and, for a sealed one,
//! opening it with the recipient's key (a fixed identity, so sealed inputs
//! from the corpus reach the decryption).
#![no_main]

use chirp::core::protocol::identity::Identity;
use chirp::core::social::direct;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|payload: &[u8]| {
    let me = Identity::from_secret_bytes(&[7; 64]);
    let now = chrono::Utc::now();
    let _ = direct::decode("chirp/dm/bob", payload, now, Some(&me));
    let _ = direct::decode("chirp/dm/bob", payload, now, None);
});
