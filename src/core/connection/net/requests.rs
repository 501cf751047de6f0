//! Subscribe and unsubscribe requests on their way to the broker.
//!
//! rumqttc tells a request's packet id only once it has sent it
//! (`Outgoing::Subscribe(pkid)`), in the order it took the requests; this
//! pairs them up so an ack can be reported with the tags it was for.

use std::collections::{HashMap, VecDeque};

#[derive(Debug, Default)]
pub struct RequestTracker {
    handed: VecDeque<Vec<String>>,
    by_pkid: HashMap<u16, Vec<String>>,
}

impl RequestTracker {
    /// A request for these tags was handed to rumqttc.
    pub fn handed(&mut self, tags: Vec<String>) {
        self.handed.push_back(tags);
    }

    /// A new connection: nothing handed before it will be answered.
    pub fn clear(&mut self) {
        self.handed.clear();
        self.by_pkid.clear();
    }

    /// rumqttc sent the oldest handed request under this packet id.
    pub fn assign(&mut self, pkid: u16) {
        if let Some(tags) = self.handed.pop_front() {
            self.by_pkid.insert(pkid, tags);
        }
    }

    /// The broker answered; the tags the request was for.
    pub fn acknowledge(&mut self, pkid: u16) -> Option<Vec<String>> {
        self.by_pkid.remove(&pkid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_requests_with_packet_ids_in_order() {
        let mut tracker = RequestTracker::default();
        tracker.handed(vec!["a".into()]);
        tracker.handed(vec!["b".into(), "c".into()]);
        tracker.assign(5);
        tracker.assign(6);
        assert_eq!(tracker.acknowledge(6), Some(vec!["b".into(), "c".into()]));
        assert_eq!(tracker.acknowledge(5), Some(vec!["a".into()]));
        assert_eq!(tracker.acknowledge(5), None);
    }
}
