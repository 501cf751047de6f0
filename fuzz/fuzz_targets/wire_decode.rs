//! Every payload kind a tag topic carries: v1 tweets (signed or not),
//! classic and raw text, likes, reposts, deletions and quotes. Decoding
//! must never panic, hang or allocate without bound.
#![no_main]

use chirp::core::protocol::wire;
use chirp::core::social::reaction;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|payload: &[u8]| {
    let now = chrono::Utc::now();
    let _ = wire::decode_tagged(Some("fuzz"), payload, now);
    let _ = wire::decode_tagged(None, payload, now);
    let _ = wire::decode("chirp/mentions/fuzz", payload, now);
    let _ = reaction::decode(Some("fuzz"), payload);
    let _ = wire::claimed_author(payload);
});
