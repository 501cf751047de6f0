//! Which invisible characters are part of an emoji and may stay when text
//! is shown (PROTOCOL.md 4.4): variation selectors right after an emoji (or
//! in a keycap), zero-width joiners between two emoji, and the tag
//! characters of a subdivision flag. Everywhere else they could disguise a
//! name, so `display::inert_text` replaces them.

/// An emoji that joiners, variation selectors and modifiers attach to:
/// Unicode's Extended_Pictographic blocks, approximated by the ranges the
/// emoji live in (a few symbols there that never take a selector do no harm:
/// a selector after one shows nothing).
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139 | 0x2194..=0x2199
        | 0x21A9..=0x21AA | 0x231A..=0x231B | 0x2328 | 0x23CF | 0x23E9..=0x23FA
        | 0x24C2 | 0x25AA..=0x25AB | 0x25B6 | 0x25C0 | 0x25FB..=0x25FE
        | 0x2600..=0x27BF | 0x2934..=0x2935 | 0x2B05..=0x2B07 | 0x2B1B..=0x2B1C
        | 0x2B50 | 0x2B55 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x1F000..=0x1F0FF | 0x1F10D..=0x1F10F | 0x1F12F | 0x1F16C..=0x1F171
        | 0x1F17E..=0x1F17F | 0x1F18E | 0x1F191..=0x1F19A | 0x1F1AD..=0x1F1E5
        | 0x1F201..=0x1F20F | 0x1F21A | 0x1F22F | 0x1F232..=0x1F23A
        | 0x1F23C..=0x1F23F | 0x1F249..=0x1F3FA | 0x1F400..=0x1F53D
        | 0x1F546..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F774..=0x1F77F
        | 0x1F7D5..=0x1F7FF | 0x1F80C..=0x1F80F | 0x1F848..=0x1F84F
        | 0x1F85A..=0x1F85F | 0x1F888..=0x1F88F | 0x1F8AE..=0x1F8FF
        | 0x1F90C..=0x1F93A | 0x1F93C..=0x1F945 | 0x1F947..=0x1FAFF
        | 0x1FC00..=0x1FFFD)
}

/// Skin tones (U+1F3FB–U+1F3FF), which follow an emoji.
pub fn is_skin_tone(c: char) -> bool {
    matches!(c as u32, 0x1F3FB..=0x1F3FF)
}

const VARIATION_TEXT: char = '\u{FE0E}';
const VARIATION_EMOJI: char = '\u{FE0F}';
const ZERO_WIDTH_JOINER: char = '\u{200D}';
const KEYCAP: char = '\u{20E3}';
const BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';

fn is_keycap_base(c: char) -> bool {
    c.is_ascii_digit() || c == '#' || c == '*'
}

fn is_tag_letter(c: char) -> bool {
    matches!(c as u32, 0xE0020..=0xE007E)
}

/// For each of `chars`, whether it is an invisible character that belongs
/// to an emoji sequence there (true) or not (false; visible characters are
/// false too: nothing to decide for them).
pub fn joined_in_emoji(chars: &[char]) -> Vec<bool> {
    let mut kept = vec![false; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == BLACK_FLAG {
            // 🏴 + tag letters + CANCEL TAG: a subdivision flag (Scotland).
            let run = chars[i + 1..]
                .iter()
                .take_while(|&&t| is_tag_letter(t))
                .count();
            if run > 0 && chars.get(i + 1 + run) == Some(&CANCEL_TAG) {
                kept[i + 1..=i + 1 + run].fill(true);
                i += run + 2;
                continue;
            }
        }
        let before = i.checked_sub(1).map(|j| (chars[j], kept[j]));
        let after = chars.get(i + 1).copied();
        kept[i] = match c {
            VARIATION_TEXT | VARIATION_EMOJI => {
                before.is_some_and(|(b, _)| is_emoji(b))
                    || (before.is_some_and(|(b, _)| is_keycap_base(b)) && after == Some(KEYCAP))
            }
            ZERO_WIDTH_JOINER => {
                let inside = before.is_some_and(|(b, b_kept)| {
                    is_emoji(b) || is_skin_tone(b) || (b == VARIATION_EMOJI && b_kept)
                });
                inside && after.is_some_and(is_emoji)
            }
            _ => false,
        };
        i += 1;
    }
    kept
}
