//! The thread that checks deferred signatures (see `deferred`): the window
//! hands it the tweets it shows, and takes the answers on a later frame, so
//! no Ed25519 check runs on the UI thread.

use std::collections::VecDeque;

use crossbeam_channel::{Receiver, Sender};

use crate::core::model::tweet::Tweet;
use crate::core::protocol::deferred::check_deferred;

/// The answer for one tweet's signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedSignature {
    pub id: String,
    pub verified: bool,
}

struct CheckerThread {
    requests: Sender<Vec<Tweet>>,
    answers: Receiver<CheckedSignature>,
}

/// Started on first use; the thread ends when this is dropped.
#[derive(Default)]
pub struct SignatureChecker {
    thread: Option<CheckerThread>,
    /// Answers made here, when no thread could be started.
    local: VecDeque<CheckedSignature>,
    /// Tweets handed over and not answered yet.
    outstanding: usize,
}

impl SignatureChecker {
    /// Checks `tweets` away from the caller; never blocks on the checks.
    pub fn check(&mut self, tweets: Vec<Tweet>) {
        if tweets.is_empty() {
            return;
        }
        self.outstanding += tweets.len();
        if self.thread.is_none() {
            self.thread = start();
        }
        let unsent = match &self.thread {
            Some(thread) => thread
                .requests
                .send(tweets)
                .err()
                .map(crossbeam_channel::SendError::into_inner),
            None => Some(tweets),
        };
        // No thread (the system refused one): checked here, a few at a
        // time as shown, rather than never.
        if let Some(tweets) = unsent {
            self.thread = None;
            self.local.extend(tweets.iter().map(answer));
        }
    }

    /// The answers that are in, without waiting.
    pub fn answers(&mut self) -> Vec<CheckedSignature> {
        let mut answers: Vec<CheckedSignature> = self.local.drain(..).collect();
        if let Some(thread) = &self.thread {
            answers.extend(thread.answers.try_iter());
        }
        self.outstanding = self.outstanding.saturating_sub(answers.len());
        answers
    }

    /// Tweets handed over whose answer has not been taken yet.
    pub fn outstanding(&self) -> usize {
        self.outstanding
    }
}

fn answer(tweet: &Tweet) -> CheckedSignature {
    CheckedSignature {
        id: tweet.id.clone(),
        verified: check_deferred(tweet).is_ok(),
    }
}

fn start() -> Option<CheckerThread> {
    let (requests, inbox) = crossbeam_channel::unbounded::<Vec<Tweet>>();
    let (outbox, answers) = crossbeam_channel::unbounded();
    let spawned = std::thread::Builder::new()
        .name("chirp-signatures".into())
        .spawn(move || {
            for tweets in inbox {
                for tweet in &tweets {
                    if outbox.send(answer(tweet)).is_err() {
                        return;
                    }
                }
            }
        });
    match spawned {
        Ok(_) => Some(CheckerThread { requests, answers }),
        Err(error) => {
            tracing::warn!(%error, "no thread for signature checks: checking on the UI thread");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::core::model::author_key::{DeferredSignature, Signed, Trust};
    use crate::core::model::tweet::WireFormat;
    use crate::core::protocol::deferred::canonical_of_tweet;
    use crate::core::protocol::identity::Identity;

    fn signed_tweet(id: &str, identity: &Identity) -> Tweet {
        let mut tweet = Tweet {
            quote: None,
            id: id.into(),
            user: Some("ann".into()),
            text: "hello".into(),
            tags: vec!["rust".into()],
            sent_at: None,
            received_at: chrono::Utc::now(),
            format: WireFormat::Chirp,
            reply_to: None,
            signed: Some(Signed {
                key: identity.author_key(),
                trust: Trust::Verified,
            }),
            deferred_signature: None,
        };
        let canonical = canonical_of_tweet(&tweet, &identity.author_key()).expect("author");
        tweet.deferred_signature = Some(DeferredSignature(identity.sign(canonical.as_bytes())));
        tweet
    }

    #[test]
    fn answers_each_tweet_off_the_calling_thread() {
        let ann = Identity::generate();
        let good = signed_tweet("good", &ann);
        let mut forged = signed_tweet("forged", &ann);
        forged.text.push('!');
        let mut checker = SignatureChecker::default();
        checker.check(vec![good, forged]);
        assert_eq!(checker.outstanding(), 2);
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut answers = Vec::new();
        while answers.len() < 2 && Instant::now() < deadline {
            answers.extend(checker.answers());
            std::thread::yield_now();
        }
        answers.sort_by(|a, b| a.id.cmp(&b.id));
        let seen: Vec<(&str, bool)> = answers
            .iter()
            .map(|a| (a.id.as_str(), a.verified))
            .collect();
        assert_eq!(seen, [("forged", false), ("good", true)]);
        assert_eq!(checker.outstanding(), 0);
    }
}
