//! Signatures checked when shown (PROTOCOL.md 9.7): the rows drawn this
//! frame go to the checker thread, its answers come back on a later frame.
//! A forged tweet then leaves the timeline's view and is counted.

use std::time::Duration;

use crate::core::connection::net::NetEvent;

use super::ChirpApp;

/// How soon to look again for answers still on their way (a check takes
/// well under a millisecond).
const ANSWER_POLL: Duration = Duration::from_millis(15);

impl ChirpApp {
    pub(super) fn check_shown_signatures(&mut self, ctx: &egui::Context) {
        let shown = (self.view.filtered).begin_checks(&self.view.timeline_view, &mut self.timeline);
        self.services.checker.check(shown);
        for answer in self.services.checker.answers() {
            self.timeline.settle_signature(&answer.id, answer.verified);
            self.view
                .filtered
                .settle_signature(&answer.id, answer.verified);
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
