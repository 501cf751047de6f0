//! Tweets handed to the worker and not yet acknowledged by the broker.
//!
//! rumqttc reports an outgoing publish's packet id only after it has sent it
//! (`Outgoing::Publish(pkid)`), in the order it took the requests, and drops
//! its queue on a clean-session reconnect. So the outbox keeps every copy
//! itself, matches packet ids to copies in order, and after each (re)connect
//! hands everything unacknowledged over again; readers dedup by tweet id.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use crate::core::social::compose::{OutgoingTweet, Publish};

/// Stands in the handed queue for a publish that is not a tweet copy.
const FOREIGN: u64 = u64::MAX;

#[derive(Debug)]
struct Copy {
    tweet_id: String,
    publish: Publish,
}

#[derive(Debug, Default)]
pub struct Outbox {
    next_seq: u64,
    copies: BTreeMap<u64, Copy>,
    /// Not yet handed to rumqttc on this connection, in order.
    queued: BTreeSet<u64>,
    /// Handed to rumqttc, waiting for their packet id.
    handed: VecDeque<u64>,
    by_pkid: HashMap<u16, u64>,
    copies_left: HashMap<String, usize>,
}

impl Outbox {
    pub fn push(&mut self, outgoing: OutgoingTweet) {
        self.push_copies(outgoing.tweet.id, outgoing.publishes);
    }

    /// Copies of tweet `id` still to be acknowledged (also: found on disk).
    pub fn push_copies(&mut self, id: String, publishes: Vec<Publish>) {
        *self.copies_left.entry(id.clone()).or_default() += publishes.len();
        for publish in publishes {
            let seq = self.next_seq;
            self.next_seq += 1;
            self.copies.insert(
                seq,
                Copy {
                    tweet_id: id.clone(),
                    publish,
                },
            );
            self.queued.insert(seq);
        }
    }

    /// After a (re)connect: everything unacknowledged goes out again.
    pub fn requeue_all(&mut self) {
        self.handed.clear();
        self.by_pkid.clear();
        self.queued = self.copies.keys().copied().collect();
    }

    /// The next copy to hand over, without taking it.
    pub fn peek_queued(&self) -> Option<&Publish> {
        let seq = self.queued.first()?;
        self.copies.get(seq).map(|c| &c.publish)
    }

    /// The copy from `peek_queued` was handed to rumqttc; returns its tweet id.
    pub fn mark_handed(&mut self) -> Option<&str> {
        let seq = self.queued.pop_first()?;
        self.handed.push_back(seq);
        self.copies.get(&seq).map(|c| c.tweet_id.as_str())
    }

    /// A publish that is not a tweet (our presence) was handed to rumqttc:
    /// its packet id comes in the same order as the copies' and belongs to
    /// no copy.
    pub fn mark_foreign_handed(&mut self) {
        self.handed.push_back(FOREIGN);
    }

    /// rumqttc sent the oldest handed publish under this packet id.
    pub fn assign_pkid(&mut self, pkid: u16) {
        if let Some(seq) = self.handed.pop_front()
            && seq != FOREIGN
        {
            self.by_pkid.insert(pkid, seq);
        }
    }

    /// The broker acknowledged a packet. Returns the tweet id when that was
    /// its last unacknowledged copy.
    pub fn acknowledge(&mut self, pkid: u16) -> Option<String> {
        let seq = self.by_pkid.remove(&pkid)?;
        let copy = self.copies.remove(&seq)?;
        let left = self.copies_left.get_mut(&copy.tweet_id)?;
        *left -= 1;
        if *left == 0 {
            self.copies_left.remove(&copy.tweet_id);
            Some(copy.tweet_id)
        } else {
            None
        }
    }

    /// Tweets not yet fully acknowledged.
    pub fn pending_tweets(&self) -> usize {
        self.copies_left.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::social::compose::Draft;

    #[test]
    fn a_foreign_publish_between_copies_takes_no_copy_s_packet_id() {
        let mut outbox = Outbox::default();
        outbox.mark_foreign_handed();
        let tweet = Draft::new("a", "hi #x").prepare().expect("valid");
        let id = tweet.tweet.id.clone();
        outbox.push(tweet);
        outbox.mark_handed();
        outbox.mark_handed();
        outbox.assign_pkid(7); // the presence publish
        outbox.assign_pkid(8); // the tweet's hashtag copy
        outbox.assign_pkid(9); // its copy on the author's topic
        assert_eq!(outbox.acknowledge(7), None);
        assert_eq!(outbox.acknowledge(8), None);
        assert_eq!(outbox.acknowledge(9), Some(id));
    }

    fn drain(outbox: &mut Outbox) -> Vec<String> {
        let mut topics = Vec::new();
        while let Some(p) = outbox.peek_queued() {
            topics.push(p.topic.clone());
            outbox.mark_handed();
        }
        topics
    }

    #[test]
    fn acknowledged_once_every_copy_is() {
        let mut outbox = Outbox::default();
        let tweet = Draft::new("a", "hi #x #y").prepare().expect("valid");
        let id = tweet.tweet.id.clone();
        outbox.push(tweet);
        assert_eq!(
            drain(&mut outbox),
            vec!["hashtags/x", "hashtags/y", "chirp/users/a"]
        );
        outbox.assign_pkid(7);
        outbox.assign_pkid(8);
        outbox.assign_pkid(9);
        assert_eq!(outbox.acknowledge(8), None);
        assert_eq!(outbox.acknowledge(9), None);
        assert_eq!(outbox.acknowledge(7), Some(id));
        assert_eq!(outbox.pending_tweets(), 0);
        assert_eq!(outbox.acknowledge(7), None, "a stray ack is ignored");
    }

    #[test]
    fn reconnect_sends_unacknowledged_again() {
        let mut outbox = Outbox::default();
        outbox.push(Draft::new("a", "one #x").prepare().expect("valid"));
        outbox.push(Draft::new("a", "two #x").prepare().expect("valid"));
        drain(&mut outbox);
        for pkid in 1..=4 {
            outbox.assign_pkid(pkid);
        }
        assert!(outbox.acknowledge(1).is_none());
        assert!(outbox.acknowledge(2).is_some(), "both copies of one");
        outbox.requeue_all();
        assert_eq!(drain(&mut outbox).len(), 2, "both copies of two");
        assert_eq!(outbox.pending_tweets(), 1);
    }
}
