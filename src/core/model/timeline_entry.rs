//! One tweet as the timeline holds it: compact, because a timeline may hold
//! a million. The id, the parent a reply answers, and the text share one
//! allocation; the author and the hashtags are shared copies (see
//! `interner`); times are milliseconds.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::core::model::author_key::{DeferredSignature, PACKED_SIGNATURE_CHARS, Signed, Trust};
use crate::core::model::bounds::bounded_id;
use crate::core::model::interner::{Author, Interner, TagList};
use crate::core::model::timeline::RowKey;
use crate::core::model::tweet::ReplyTarget;
use crate::core::model::tweet::{ReplyTo, Tweet, WireFormat};

/// Where a tweet written here is on its way to the broker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Someone else's tweet, or ours seen coming back from the broker.
    Received,
    /// Ours, not yet acknowledged by the broker.
    Pending,
    /// Ours, acknowledged by the broker.
    Acknowledged,
}

/// Where the check of a tweet's signature is (PROTOCOL.md 9.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureState {
    /// Checked when it arrived, or nothing to check (unsigned).
    Checked,
    /// Held unchecked until the tweet is shown.
    Deferred,
    /// Shown, and handed to the checker: the answer is on its way.
    Checking,
    /// Its signature did not verify: kept out of sight.
    Forged,
}

impl SignatureState {
    /// The signature is still packed with the entry, waiting or being checked.
    pub fn is_held(self) -> bool {
        matches!(self, SignatureState::Deferred | SignatureState::Checking)
    }
}

/// A tweet with what this app knows of it, as stored history hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub tweet: Tweet,
    /// Written in this app.
    pub own: bool,
    pub delivery: Delivery,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The id, the parent's id and author (both empty unless a reply), the
    /// quoted tweet's id and author (empty unless a quote), then the text,
    /// with the lengths of the first five below, then a deferred
    /// signature (`PACKED_SIGNATURE_CHARS` of base64) while it is held. A
    /// tweet that answers none, or whose signature was checked, costs
    /// nothing for them.
    packed: Box<str>,
    id_len: u8,
    parent_id_len: u8,
    parent_user_len: u16,
    /// The quoted tweet's id and author (both empty unless a quote), packed
    /// after the parent's.
    quote_id_len: u8,
    quote_user_len: u8,
    /// The author's name and signing key, shared per author.
    author: Option<Arc<Author>>,
    tags: TagList,
    /// Out of chrono's range (`i64::MIN`) when the sender gave no time:
    /// an `Option` would cost 8 more bytes a tweet.
    sent_at_millis: i64,
    received_at_millis: i64,
    format: WireFormat,
    /// What the author's key means for their name (`Trust::code`).
    trust: u8,
    /// In the padding beside `trust`: the entry stays 64 bytes.
    signature: SignatureState,
    /// Given by the timeline when it took the entry in: with the shown
    /// time, where it sorts and who it is to a view (`RowKey`).
    seq: u32,
    /// Taken back by its author (a deletion signed by its key): its text is
    /// gone, the card says so.
    deleted: bool,
    /// Written in this app.
    pub own: bool,
    pub delivery: Delivery,
}

impl TimelineEntry {
    pub fn new(tweet: &Tweet, own: bool, delivery: Delivery, interner: &mut Interner) -> Self {
        // The decoder keeps ids (at most 128 bytes) and names far shorter
        // than these fields can count; anything longer from elsewhere is
        // cut to fit.
        let id = fitted(tweet.id.clone(), u8::MAX.into());
        let (parent_id, parent_user) = reference_parts(tweet.reply_to.as_ref(), u16::MAX.into());
        let (quote_id, quote_user) = reference_parts(tweet.quote.as_ref(), u8::MAX.into());
        let parts = [
            &id,
            &parent_id,
            &parent_user,
            &quote_id,
            &quote_user,
            &tweet.text,
        ];
        let mut packed = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        for part in parts {
            packed.push_str(part);
        }
        let signature = match &tweet.deferred_signature {
            Some(deferred) => {
                packed.push_str(&deferred.to_packed());
                SignatureState::Deferred
            }
            None => SignatureState::Checked,
        };
        Self {
            packed: packed.into_boxed_str(),
            id_len: u8::try_from(id.len()).unwrap_or(u8::MAX),
            parent_id_len: u8::try_from(parent_id.len()).unwrap_or(u8::MAX),
            parent_user_len: u16::try_from(parent_user.len()).unwrap_or(u16::MAX),
            quote_id_len: u8::try_from(quote_id.len()).unwrap_or(u8::MAX),
            quote_user_len: u8::try_from(quote_user.len()).unwrap_or(u8::MAX),
            author: tweet
                .user
                .as_deref()
                .map(|user| interner.author(user, tweet.signed.map(|signed| signed.key))),
            tags: interner.tag_list(tweet.tags.iter().map(String::as_str)),
            sent_at_millis: tweet.sent_at.map_or(i64::MIN, |t| t.timestamp_millis()),
            received_at_millis: tweet.received_at.timestamp_millis(),
            format: tweet.format,
            trust: tweet.signed.map_or(0, |signed| signed.trust.code()),
            signature,
            seq: 0,
            deleted: false,
            own,
            delivery,
        }
    }

    /// The entry numbered `seq` by the timeline taking it in.
    pub(super) fn numbered(mut self, seq: u32) -> Self {
        self.seq = seq;
        self
    }

    /// Where it sorts in the timeline and who it is to a view.
    pub fn key(&self) -> RowKey {
        let shown_millis = if self.sent_at_millis == i64::MIN {
            self.received_at_millis
        } else {
            self.sent_at_millis.min(self.received_at_millis)
        };
        RowKey {
            shown_millis,
            seq: self.seq,
        }
    }

    /// Who signed it and what that means here, when it was signed.
    pub fn signed(&self) -> Option<Signed> {
        Some(Signed {
            key: self.author.as_deref()?.key?,
            trust: Trust::from_code(self.trust),
        })
    }

    /// The trust of its signature, judged again (the person trusted or
    /// forgot a key).
    pub fn set_trust(&mut self, trust: Trust) {
        self.trust = trust.code();
    }

    pub fn is_deleted(&self) -> bool {
        self.deleted
    }

    /// Its author took it back: the text (and a held signature) go, the
    /// id and the parent stay so replies still find it.
    pub(super) fn delete(&mut self) {
        let [id, parent_id, parent_user, quote_id, quote_user, _] = self.split();
        self.packed = [id, parent_id, parent_user, quote_id, quote_user]
            .concat()
            .into_boxed_str();
        if self.signature.is_held() {
            self.signature = SignatureState::Checked;
        }
        self.deleted = true;
    }

    pub fn signature_state(&self) -> SignatureState {
        self.signature
    }

    /// Its signature is shown and on its way to the checker.
    pub(super) fn set_checking(&mut self) {
        if self.signature == SignatureState::Deferred {
            self.signature = SignatureState::Checking;
        }
    }

    /// The checker's answer: the packed signature is dropped either way.
    pub(super) fn settle_signature(&mut self, verified: bool) {
        if !self.signature.is_held() {
            return;
        }
        let kept = self.packed.len() - PACKED_SIGNATURE_CHARS;
        self.packed = self.packed.get(..kept).unwrap_or_default().into();
        self.signature = if verified {
            SignatureState::Checked
        } else {
            SignatureState::Forged
        };
    }

    /// The signature held unchecked, if it is.
    pub fn deferred_signature(&self) -> Option<DeferredSignature> {
        if !self.signature.is_held() {
            return None;
        }
        let at = self.packed.len().checked_sub(PACKED_SIGNATURE_CHARS)?;
        DeferredSignature::from_packed(self.packed.get(at..)?)
    }

    /// The id, parent id, parent author, quoted id, quoted author and text.
    fn split(&self) -> [&str; 6] {
        let lengths = [
            usize::from(self.id_len),
            usize::from(self.parent_id_len),
            usize::from(self.parent_user_len),
            usize::from(self.quote_id_len),
            usize::from(self.quote_user_len),
        ];
        let signature_chars = if self.signature.is_held() {
            PACKED_SIGNATURE_CHARS
        } else {
            0
        };
        let packed = self
            .packed
            .get(..self.packed.len().saturating_sub(signature_chars))
            .unwrap_or(&self.packed);
        // The splits are where each part ended, char boundaries; if one
        // somehow were not, the whole string shows as text rather than
        // panicking.
        let mut parts = [""; 6];
        let mut start = 0;
        for (part, length) in parts.iter_mut().zip(lengths) {
            match packed.get(start..start + length) {
                Some(text) => *part = text,
                None => return ["", "", "", "", "", packed],
            }
            start += length;
        }
        match packed.get(start..) {
            Some(text) => parts[5] = text,
            None => return ["", "", "", "", "", packed],
        }
        parts
    }

    pub fn id(&self) -> &str {
        self.split()[0]
    }

    pub fn text(&self) -> &str {
        self.split()[5]
    }

    /// The id of the tweet this one answers, if it is a reply.
    pub fn parent_id(&self) -> Option<&str> {
        Some(self.split()[1]).filter(|id| !id.is_empty())
    }

    /// The author of the tweet this one answers, when the reply named it.
    pub fn parent_user(&self) -> Option<&str> {
        Some(self.split()[2]).filter(|user| !user.is_empty())
    }

    /// What a reply to this tweet answers: it, under its hashtags.
    pub fn reply_target(&self) -> ReplyTarget {
        ReplyTarget {
            parent: ReplyTo {
                id: self.id().to_owned(),
                user: self.user().map(str::to_owned),
            },
            tags: self.tags().map(str::to_owned).collect(),
        }
    }

    /// The tweet this one quotes, if it is a quote.
    pub fn quote(&self) -> Option<ReplyTo> {
        let [.., quote_id, quote_user, _] = self.split();
        (!quote_id.is_empty()).then(|| ReplyTo {
            id: quote_id.to_owned(),
            user: Some(quote_user.to_owned()).filter(|user| !user.is_empty()),
        })
    }

    pub fn reply_to(&self) -> Option<ReplyTo> {
        self.parent_id().map(|id| ReplyTo {
            id: id.to_owned(),
            user: self.parent_user().map(str::to_owned),
        })
    }

    /// `None` when the payload named no author (raw text).
    pub fn user(&self) -> Option<&str> {
        self.author.as_deref().map(|author| &*author.name)
    }

    pub fn tags(&self) -> impl ExactSizeIterator<Item = &str> {
        self.tags.iter().map(|tag| &**tag)
    }

    pub fn format(&self) -> WireFormat {
        self.format
    }

    pub fn sent_at(&self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp_millis(self.sent_at_millis)
    }

    pub fn received_at(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(self.received_at_millis).unwrap_or_default()
    }

    /// The time to show, as `Tweet::shown_time`: the sender's, never
    /// after the arrival.
    pub fn shown_time(&self) -> DateTime<Utc> {
        let received = self.received_at();
        self.sent_at().map_or(received, |sent| sent.min(received))
    }

    /// Adds hashtags this tweet was also seen under, keeping the order.
    pub(super) fn add_tags<'a>(
        &mut self,
        more: impl IntoIterator<Item = &'a str>,
        interner: &mut Interner,
    ) {
        let mut tags: Vec<&str> = self.tags.iter().map(|tag| &**tag).collect();
        for tag in more {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() != self.tags.len() {
            let merged = interner.tag_list(tags);
            self.tags = merged;
        }
    }

    /// The tweet unpacked, for code that wants owned fields.
    pub fn to_tweet(&self) -> Tweet {
        Tweet {
            deferred_signature: self.deferred_signature(),
            id: self.id().to_owned(),
            user: self.user().map(str::to_owned),
            text: self.text().to_owned(),
            tags: self.tags().map(str::to_owned).collect(),
            sent_at: self.sent_at(),
            received_at: self.received_at(),
            format: self.format,
            reply_to: self.reply_to(),
            quote: self.quote(),
            signed: self.signed(),
        }
    }
}

/// The id and author of a tweet referred to (answered or quoted), the id
/// at most 255 bytes, the author at most `user_max`; both empty for none.
fn reference_parts(reference: Option<&ReplyTo>, user_max: usize) -> (String, String) {
    match reference {
        Some(to) => (
            fitted(to.id.clone(), u8::MAX.into()),
            to.user
                .clone()
                .map_or_else(String::new, |user| cut_to(user, user_max)),
        ),
        None => (String::new(), String::new()),
    }
}

/// An id of at most `max` bytes: a longer one becomes its digest.
fn fitted(id: String, max: usize) -> String {
    if id.len() <= max { id } else { bounded_id(id) }
}

/// `text` cut to at most `max` bytes at a char boundary.
fn cut_to(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut at = max;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
    text
}

#[cfg(test)]
mod tests;
