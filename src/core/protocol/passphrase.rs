//! Whether a passphrase is strong enough to lock an exported identity: the
//! file may be copied anywhere, and then only the passphrase stands between
//! an attacker guessing offline and the identity. Uses zxcvbn's estimate
//! (a tested model of how people choose passwords) rather than a rule of
//! our own about digits and capitals.
//!
//! zxcvbn copies the text into buffers of its own that are not zeroed;
//! nothing here keeps, logs or returns the passphrase.

use zxcvbn::Score;

/// Fewer characters than this is refused whatever zxcvbn says.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// zxcvbn's score 3: more than about 10^10 guesses (its "safely
/// unguessable" for an offline attack on a slow hash, which Argon2id is).
const MIN_SCORE: Score = Score::Three;
/// Words a guesser would try first for a Chirp identity.
const GUESSABLE_WORDS: [&str; 3] = ["chirp", "twitter", "mqtt"];

/// Why a passphrase is refused, and how to make a better one. Never holds
/// the passphrase.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeakPassphrase {
    #[error(
        "a passphrase needs at least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words make one that is long and easy to remember"
    )]
    TooShort,
    #[error("this passphrase would be easy to guess. {advice}")]
    EasyToGuess { advice: String },
}

/// Ok if `passphrase` has at least `MIN_PASSPHRASE_CHARS` characters and
/// zxcvbn scores it 3 or 4.
pub fn check_passphrase(passphrase: &str) -> Result<(), WeakPassphrase> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(WeakPassphrase::TooShort);
    }
    let estimate = zxcvbn::zxcvbn(passphrase, &GUESSABLE_WORDS);
    if estimate.score() >= MIN_SCORE {
        return Ok(());
    }
    Err(WeakPassphrase::EasyToGuess {
        advice: advice(estimate.feedback()),
    })
}

/// zxcvbn's warning and suggestions (fixed sentences, never the text
/// itself), then the advice that always works.
fn advice(feedback: Option<&zxcvbn::feedback::Feedback>) -> String {
    let mut sentences = Vec::new();
    if let Some(feedback) = feedback {
        sentences.extend(feedback.warning().map(|warning| warning.to_string()));
        sentences.extend(feedback.suggestions().iter().map(ToString::to_string));
    }
    sentences.push("Four or more unrelated words, or a longer sentence of your own, are strong and easy to remember.".to_owned());
    sentences.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passphrases_are_refused_with_advice_that_does_not_repeat_them() {
        for weak in [
            "password",
            "12345678901",
            "chirpchirpchirp",
            "qwertyuiop",
            "Password123",
        ] {
            let error = check_passphrase(weak).unwrap_err();
            let shown = format!("{error} {error:?}");
            assert!(!shown.contains(weak), "{shown}");
            assert!(shown.contains("words"), "says how to do better: {shown}");
        }
        assert_eq!(check_passphrase("password"), Err(WeakPassphrase::TooShort));
        assert!(matches!(
            check_passphrase("chirpchirpchirp"),
            Err(WeakPassphrase::EasyToGuess { .. })
        ));
    }

    #[test]
    fn strong_passphrases_are_accepted() {
        for strong in [
            "violet tractor hums beneath quiet lanterns",
            "Kettle-orbit-7-marsh-fig",
            "Grüße an die Möwen über Kiel",
        ] {
            assert_eq!(check_passphrase(strong), Ok(()), "{strong}");
        }
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // Nine characters, 27 bytes: still too short.
        assert_eq!(
            check_passphrase("日本語日本語日本語"),
            Err(WeakPassphrase::TooShort)
        );
    }
}
