//! The envelope of a direct message (PROTOCOL.md sections 2.4 and 10): who
//! to whom, signed by the sender, and sealed to the recipient's X25519 key
//! when they published one. The header (id, from, to, ts, scheme, ephemeral
//! key) is bound into the encryption as associated data and the whole
//! envelope is signed, so a third party can neither read the text nor move
//! it into a message of its own.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};

use crate::core::model::author_key::{AuthorKey, KEY_LEN, decode_exact};
use crate::core::protocol::identity::Identity;
use crate::core::protocol::sealed;
use crate::core::protocol::signed::{self, Canonical, SignatureCheck};

/// `enc` of a message in plain text.
pub const PLAIN: &str = "none";

/// The fields every envelope has, as sent.
#[derive(Debug, Clone, Copy)]
pub struct Header<'a> {
    pub id: &'a str,
    pub from: &'a str,
    pub to: &'a str,
    pub ts: &'a str,
    pub enc: &'a str,
    /// The ephemeral key (base64); empty in plain text.
    pub epk: &'a str,
}

impl Header<'_> {
    /// What the encryption binds (kind `dm-header`: id, from, to, ts,
    /// enc): a sealed text opens only under the header and sender key it
    /// was sealed with. The ephemeral key needs no binding here: the
    /// message key is derived from it.
    fn associated(&self, key: &AuthorKey) -> Canonical {
        Canonical::new("dm-header", key)
            .text(self.id)
            .text(self.from)
            .text(self.to)
            .text(self.ts)
            .text(self.enc)
    }

    /// What the signature covers (kind `dm`): the header, then the body
    /// (`ct` when sealed, `text` when plain).
    fn signed(&self, key: &AuthorKey, body: &str) -> Canonical {
        self.fields(Canonical::new("dm", key)).text(body)
    }

    fn fields(&self, canonical: Canonical) -> Canonical {
        canonical
            .text(self.id)
            .text(self.from)
            .text(self.to)
            .text(self.ts)
            .text(self.enc)
            .text(self.epk)
    }
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    v: u32,
    kind: &'static str,
    id: &'a str,
    from: &'a str,
    to: &'a str,
    ts: &'a str,
    enc: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    epk: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ct: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pk: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sig: Option<String>,
}

/// The payload of a message: sealed to `recipient` when given (then it must
/// be signed), else plain text, signed when there is a `signer`.
pub fn encode(
    header: Header<'_>,
    text: &str,
    signer: Option<&Identity>,
    recipient: Option<&[u8; KEY_LEN]>,
) -> Result<Vec<u8>, sealed::SealError> {
    let (epk, ct, enc) = match (recipient, signer) {
        (Some(recipient), Some(identity)) => {
            let bound = Header {
                enc: sealed::SCHEME,
                ..header
            };
            let associated = bound.associated(&identity.author_key());
            let sealed = sealed::seal(recipient, associated.as_bytes(), text.as_bytes())?;
            let epk = STANDARD.encode(sealed.ephemeral);
            (
                Some(epk),
                Some(STANDARD.encode(sealed.ciphertext)),
                sealed::SCHEME,
            )
        }
        _ => (None, None, PLAIN),
    };
    let header = Header {
        enc,
        epk: epk.as_deref().unwrap_or(""),
        ..header
    };
    let body = ct.as_deref().unwrap_or(text);
    let (pk, sig) = match signer {
        Some(identity) => {
            let key = identity.author_key();
            let sig = header.signed(&key, body).sign(identity);
            (Some(key.to_base64()), Some(sig))
        }
        None => (None, None),
    };
    let envelope = EnvelopeOut {
        v: 1,
        kind: "dm",
        id: header.id,
        from: header.from,
        to: header.to,
        ts: header.ts,
        enc,
        text: ct.is_none().then_some(text),
        epk: epk.as_deref(),
        ct,
        pk,
        sig,
    };
    Ok(serde_json::to_vec(&envelope).unwrap_or_default())
}

/// An envelope as read (the fields `direct::decode` does not check itself).
#[derive(Debug, Deserialize)]
pub struct EnvelopeIn {
    pub kind: String,
    pub id: String,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub ts: Option<serde_json::Value>,
    #[serde(default)]
    pub enc: Option<String>,
    #[serde(default)]
    pub epk: Option<String>,
    #[serde(default)]
    pub ct: Option<String>,
    #[serde(default)]
    pub pk: Option<String>,
    #[serde(default)]
    pub sig: Option<String>,
}

/// What an envelope says: its text (opened with `me` when sealed) and the
/// key that signed it, or why it can't be read.
pub fn open(
    envelope: &EnvelopeIn,
    me: Option<&Identity>,
) -> Result<(String, bool, Option<AuthorKey>), &'static str> {
    let ts = match &envelope.ts {
        None => "",
        Some(serde_json::Value::String(ts)) => ts.as_str(),
        Some(_) => return Err("forged: the time is not a string"),
    };
    let enc = envelope.enc.as_deref().unwrap_or(PLAIN);
    let sealed = enc == sealed::SCHEME;
    if !sealed && enc != PLAIN {
        return Err("encrypted in a way this version cannot read");
    }
    let body = if sealed {
        envelope.ct.as_deref()
    } else {
        envelope.text.as_deref()
    };
    let body = body.ok_or("no text")?;
    let header = Header {
        id: &envelope.id,
        from: &envelope.from,
        to: &envelope.to,
        ts,
        enc,
        epk: envelope.epk.as_deref().unwrap_or(""),
    };
    let signer = match signed::check(envelope.pk.as_deref(), envelope.sig.as_deref(), |key| {
        header.signed(key, body)
    }) {
        SignatureCheck::Good(key) => Some(key),
        SignatureCheck::Unsigned if !sealed => None,
        SignatureCheck::Unsigned => return Err("forged: an encrypted message without a signature"),
        SignatureCheck::Forged(why) => return Err(forged(why)),
    };
    if !sealed {
        return Ok((body.to_owned(), false, signer));
    }
    let (Some(key), Some(me)) = (signer, me) else {
        return Err("encrypted, and this client has no key to open it");
    };
    let text = open_sealed(&header, &key, body, me)?;
    Ok((text, true, Some(key)))
}

fn open_sealed(
    header: &Header<'_>,
    key: &AuthorKey,
    ct: &str,
    me: &Identity,
) -> Result<String, &'static str> {
    let epk =
        decode_exact::<KEY_LEN>(header.epk).ok_or("forged: the ephemeral key is not 32 bytes")?;
    let ct = STANDARD
        .decode(ct)
        .map_err(|_| "forged: the ciphertext is not base64")?;
    let associated = header.associated(key);
    let opened = sealed::open(me.exchange_secret(), &epk, associated.as_bytes(), &ct).map_err(
        |_| "cannot be opened with this identity's key (changed, or sealed to another key)",
    )?;
    String::from_utf8(opened.to_vec()).map_err(|_| "the opened text is not UTF-8")
}

/// The reasons `signed::check` gives, as a drop reason Diagnostics counts.
fn forged(why: &'static str) -> &'static str {
    match why {
        "the signature does not verify" => "forged: the signature does not verify",
        "the key is not 32 bytes of base64" => "forged: the key is not 32 bytes of base64",
        "the signature is not 64 bytes of base64" => {
            "forged: the signature is not 64 bytes of base64"
        }
        "the key is no Ed25519 key" => "forged: the key is no Ed25519 key",
        _ => "forged: a key without a signature, or the reverse",
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::core::social::direct::{Letter, decode};

    fn letter_payload(alice: &Identity, bob: &Identity, text: &str) -> Vec<u8> {
        let key = bob.exchange_key();
        Letter::new("alice", "bob", text)
            .signed_by(Some(alice))
            .sealed_to(Some(&key))
            .prepare()
            .expect("valid")
            .publish
            .payload
    }

    fn edit(payload: &[u8], field: &str, value: serde_json::Value) -> Vec<u8> {
        let mut json: serde_json::Value = serde_json::from_slice(payload).expect("json");
        json[field] = value;
        serde_json::to_vec(&json).expect("json")
    }

    #[test]
    fn only_the_recipient_reads_a_sealed_message() {
        let (alice, bob, eve) = (
            Identity::generate(),
            Identity::generate(),
            Identity::generate(),
        );
        let payload = letter_payload(&alice, &bob, "the secret is 42");
        let wire = String::from_utf8(payload.clone()).expect("utf-8");
        assert!(!wire.contains("secret"), "no plaintext on the wire: {wire}");
        assert!(wire.contains(sealed::SCHEME));
        let message = decode("chirp/dm/bob", &payload, Utc::now(), Some(&bob)).expect("opens");
        assert_eq!(message.text, "the secret is 42");
        assert!(message.encrypted);
        assert_eq!(message.signer, Some(alice.author_key()));
        assert!(
            decode("chirp/dm/bob", &payload, Utc::now(), Some(&eve)).is_err(),
            "eve's key"
        );
        assert!(
            decode("chirp/dm/bob", &payload, Utc::now(), None).is_err(),
            "no key"
        );
    }

    #[test]
    fn a_tampered_or_rewrapped_sealed_message_is_refused() {
        let (alice, bob, eve) = (
            Identity::generate(),
            Identity::generate(),
            Identity::generate(),
        );
        let payload = letter_payload(&alice, &bob, "hello");
        let json: serde_json::Value = serde_json::from_slice(&payload).expect("json");
        let ct = json["ct"].as_str().expect("ct").to_owned();
        let mut flipped = STANDARD.decode(&ct).expect("b64");
        flipped[3] ^= 1;
        let cases = [
            ("ct", serde_json::json!(STANDARD.encode(&flipped))),
            ("id", serde_json::json!("another-id")),
            ("ts", serde_json::json!("2020-01-01T00:00:00.000Z")),
            ("from", serde_json::json!("eve")),
            (
                "epk",
                serde_json::json!(STANDARD.encode(eve.exchange_key())),
            ),
            ("sig", serde_json::json!("AAAA")),
        ];
        for (field, value) in cases {
            let bad = edit(&payload, field, value);
            let refused = decode("chirp/dm/bob", &bad, Utc::now(), Some(&bob));
            assert!(refused.is_err(), "{field} changed: {refused:?}");
        }
        // Eve re-signs alice's sealed text as her own message: the header
        // bound in the encryption names alice's key, so it does not open.
        let mut rewrapped: serde_json::Value = serde_json::from_slice(&payload).expect("json");
        rewrapped["from"] = serde_json::json!("eve");
        let header = Header {
            id: rewrapped["id"].as_str().expect("id"),
            from: "eve",
            to: "bob",
            ts: rewrapped["ts"].as_str().expect("ts"),
            enc: sealed::SCHEME,
            epk: rewrapped["epk"].as_str().expect("epk"),
        };
        let sig = header.signed(&eve.author_key(), &ct).sign(&eve);
        rewrapped["pk"] = serde_json::json!(eve.author_key().to_base64());
        rewrapped["sig"] = serde_json::json!(sig);
        let bytes = serde_json::to_vec(&rewrapped).expect("json");
        let refused = decode("chirp/dm/bob", &bytes, Utc::now(), Some(&bob));
        assert_eq!(
            refused.map(|m| m.text),
            Err("cannot be opened with this identity's key (changed, or sealed to another key)")
        );
    }

    #[test]
    fn an_unsigned_sealed_message_is_forged_and_a_plain_one_may_be_unsigned() {
        let (alice, bob) = (Identity::generate(), Identity::generate());
        let payload = letter_payload(&alice, &bob, "hello");
        let mut json: serde_json::Value = serde_json::from_slice(&payload).expect("json");
        json.as_object_mut()
            .map(|o| (o.remove("pk"), o.remove("sig")));
        let bytes = serde_json::to_vec(&json).expect("json");
        assert_eq!(
            decode("chirp/dm/bob", &bytes, Utc::now(), Some(&bob)).map(|m| m.text),
            Err("forged: an encrypted message without a signature")
        );
        let plain = Letter::new("alice", "bob", "hi").prepare().expect("valid");
        let message = decode(
            "chirp/dm/bob",
            &plain.publish.payload,
            Utc::now(),
            Some(&bob),
        );
        assert_eq!(message.map(|m| (m.encrypted, m.signer)), Ok((false, None)));
        let signed = Letter::new("alice", "bob", "hi")
            .signed_by(Some(&alice))
            .prepare();
        let signed = signed.expect("valid").publish.payload;
        let tampered = edit(&signed, "text", serde_json::json!("bye"));
        assert!(decode("chirp/dm/bob", &tampered, Utc::now(), None).is_err());
        let message = decode("chirp/dm/bob", &signed, Utc::now(), None).expect("plain, signed");
        assert_eq!(message.signer, Some(alice.author_key()));
    }
}
