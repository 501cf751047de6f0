//! Repaints the network asks for, paced: a tweet arriving into an empty
//! queue wakes the window, and under a steady stream (2,000 tweets a
//! second in the soak) that was a frame for every few tweets, drawn flat
//! out; without a GPU the software rasteriser then took 1.2 cores. A wake-up
//! now repaints at once only when the last frame is at least
//! `NETWORK_FRAME_INTERVAL` old, else when it will be. Input repaints at
//! once as before, and a backlog (events still waiting after a frame's
//! budget) is drawn flat out, to be drained soonest.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// At most this often for network wake-ups: 30 frames a second.
pub const NETWORK_FRAME_INTERVAL: Duration = Duration::from_millis(33);

/// When the last frame began, shared with the network worker's wake-up.
#[derive(Clone)]
pub struct FramePacer {
    epoch: Instant,
    /// Milliseconds since `epoch` at the start of the last frame.
    last_frame_ms: Arc<AtomicU64>,
}

impl Default for FramePacer {
    fn default() -> Self {
        Self {
            epoch: Instant::now(),
            last_frame_ms: Arc::default(),
        }
    }
}

impl FramePacer {
    /// Called as each frame begins.
    pub fn frame_started(&self) {
        self.last_frame_ms.store(self.now_ms(), Ordering::Relaxed);
    }

    /// What the network worker calls when an event arrives for the window.
    pub fn waker(&self, ctx: egui::Context) -> impl Fn() + Send + Sync + 'static {
        let pacer = self.clone();
        move || pacer.repaint(&ctx)
    }

    fn repaint(&self, ctx: &egui::Context) {
        match self.wait() {
            Duration::ZERO => ctx.request_repaint(),
            wait => ctx.request_repaint_after(wait),
        }
    }

    /// How long until a network wake-up may draw (zero: now).
    fn wait(&self) -> Duration {
        let since = self
            .now_ms()
            .saturating_sub(self.last_frame_ms.load(Ordering::Relaxed));
        NETWORK_FRAME_INTERVAL.saturating_sub(Duration::from_millis(since))
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wake_up_right_after_a_frame_waits_and_a_later_one_does_not() {
        let pacer = FramePacer {
            epoch: Instant::now() - Duration::from_secs(5),
            last_frame_ms: Arc::default(),
        };
        pacer.frame_started();
        let wait = pacer.wait();
        assert!(
            wait > Duration::ZERO && wait <= NETWORK_FRAME_INTERVAL,
            "{wait:?}"
        );
        // The last frame seconds ago: at once.
        pacer.last_frame_ms.store(0, Ordering::Relaxed);
        assert_eq!(pacer.wait(), Duration::ZERO);
    }
}
