//! How much of a received payload Chirp keeps: the size bounds every layer
//! shares, and the stable digest that stands in for an over-long id.

/// Payloads larger than this are refused by the decoder: no tweet needs it,
/// and laying out megabytes of text would freeze the timeline.
pub const MAX_PAYLOAD_BYTES: usize = 256 * 1024;

/// The most characters of a received text that are kept (the display caps
/// what it lays out further).
pub const MAX_KEPT_TEXT_CHARS: usize = 4_000;
/// The most characters of an author's name that are kept.
pub const MAX_KEPT_USER_CHARS: usize = 64;
/// Longer ids are kept as a digest, which still tells copies apart.
pub const MAX_KEPT_ID_BYTES: usize = 128;
/// The most hashtags kept for one tweet.
pub const MAX_KEPT_TAGS: usize = 32;

/// `text` cut to `max` characters, marked when cut.
pub fn bounded_text(text: String, max: usize, mark: &str) -> String {
    // At most `max` bytes is at most `max` characters: most texts need
    // no counting (issue 15: counting was 3 % of `chirp follow`'s CPU).
    if text.len() <= max {
        return text;
    }
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}{mark}", &text[..cut]),
        None => text,
    }
}

/// An id of at most `MAX_KEPT_ID_BYTES`: a longer one becomes a digest of it.
pub fn bounded_id(id: String) -> String {
    if id.len() <= MAX_KEPT_ID_BYTES {
        return id;
    }
    // FNV is fixed by its definition (unlike std's DefaultHasher, which may
    // change between Rust releases), so stored digests keep matching.
    format!("long-id-{:016x}-{}", fnv1a_64(id.bytes()), id.len())
}

/// FNV-1a, 64 bits: a stable, dependency-free digest (not for security).
pub fn fnv1a_64(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a_64(*b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a_64(*b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64(*b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn a_long_id_has_a_fixed_digest() {
        let long = "x".repeat(200);
        let expected = format!("long-id-{:016x}-200", fnv1a_64(long.bytes()));
        assert_eq!(bounded_id(long.clone()), expected);
        assert_eq!(bounded_id(long), bounded_id("x".repeat(200)));
        assert_eq!(bounded_id("short".into()), "short");
    }
}
