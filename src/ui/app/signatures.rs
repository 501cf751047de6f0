//! Signatures checked when shown (PROTOCOL.md 9.7): the rows drawn this
//! frame go to the checker thread, its answers come back on a later frame.
//! A forged tweet then leaves the timeline's view and is counted.

use std::collections::VecDeque;
use std::time::Duration;

use crate::core::connection::net::NetEvent;
use crate::core::model::tweet::Tweet;

use super::ChirpApp;

/// How soon to look again for answers still on their way (a check takes
/// well under a millisecond).
const ANSWER_POLL: Duration = Duration::from_millis(15);

/// Notifications waiting for a signature's check: at most this many (the
/// oldest is let go: a flood of mentions notifies nobody of all of them).
const WAITING_NOTICES: usize = 32;

/// A mention's notification, sent once its signature verifies.
#[derive(Default)]
pub struct WaitingNotices(VecDeque<(String, String, String)>);

impl ChirpApp {
    /// Checks `tweet`'s held signature now (off the UI thread) and
    /// notifies `summary` once it holds.
    pub(super) fn notify_when_checked(&mut self, tweet: &Tweet, summary: String) {
        let waiting = &mut self.services.mentions_being_checked.0;
        if waiting.len() == WAITING_NOTICES {
            waiting.pop_front();
        }
        waiting.push_back((tweet.id.clone(), summary, tweet.text.clone()));
        self.services.checker.check(vec![tweet.clone()]);
    }

    /// The notification waiting for `id`, if its signature verified.
    fn checked_notice(&mut self, id: &str, verified: bool) {
        let waiting = &mut self.services.mentions_being_checked.0;
        let found = waiting.iter().position(|(waiting_id, ..)| waiting_id == id);
        if let Some((_, summary, text)) = found.and_then(|at| waiting.remove(at))
            && verified
        {
            self.notify(&summary, &text);
        }
    }

    pub(super) fn check_shown_signatures(&mut self, ctx: &egui::Context) {
        let view = &mut self.view;
        let shown = (view.filtered).begin_checks(&view.timeline_view, &mut self.timeline);
        self.services.checker.check(shown);
        for answer in self.services.checker.answers() {
            self.timeline.settle_signature(&answer.id, answer.verified);
            self.view
                .filtered
                .settle_signature(&answer.id, answer.verified);
            self.checked_notice(&answer.id, answer.verified);
            if !answer.verified {
                tracing::info!(id = %answer.id, "a shown tweet's signature did not verify");
                self.windows.diagnostics.note(&NetEvent::Dropped {
                    topic: "(a tweet shown)".to_owned(),
                    reason: "forged: the signature does not verify (checked when shown)".to_owned(),
                });
            }
        }
        if self.services.checker.outstanding() > 0 {
            ctx.request_repaint_after(ANSWER_POLL);
        }
    }
}
