//! How long to wait before reconnecting: doubling, capped, with jitter so
//! many clients dropped by one broker restart don't return all at once; and
//! a long wait after the broker refused us, so a wrong password is not
//! tried again and again.

use std::time::Duration;

#[derive(Debug)]
pub struct Backoff {
    first: Duration,
    cap: Duration,
    current: Duration,
    refused: Duration,
}

impl Backoff {
    pub fn new(first: Duration, cap: Duration) -> Self {
        Self {
            first,
            cap,
            current: first,
            refused: cap,
        }
    }

    /// The wait after a refusal (see `after_refusal`); never shorter than the cap.
    pub fn with_refusal(mut self, refused: Duration) -> Self {
        self.refused = refused.max(self.cap);
        self
    }

    pub fn reset(&mut self) {
        self.current = self.first;
    }

    /// The next delay: between half and all of the current step.
    pub fn next_delay(&mut self) -> Duration {
        let step = self.current;
        self.current = (self.current * 2).min(self.cap);
        jitter(step)
    }

    /// The delay after the broker refused us: the refusal wait, jittered
    /// less so it stays long. The next ordinary delay starts from the cap.
    pub fn after_refusal(&mut self) -> Duration {
        self.current = self.cap;
        self.refused.mul_f64(0.75 + fastrand::f64() * 0.25)
    }
}

/// Between half and all of `step`.
fn jitter(step: Duration) -> Duration {
    step.mul_f64(0.5 + fastrand::f64() * 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_up_to_the_cap_with_jitter() {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(8));
        let steps = [1, 2, 4, 8, 8, 8];
        for step in steps {
            let delay = backoff.next_delay();
            let step = Duration::from_secs(step);
            assert!(delay >= step / 2 && delay <= step, "{delay:?} for {step:?}");
        }
        backoff.reset();
        assert!(backoff.next_delay() <= Duration::from_secs(1));
    }

    #[test]
    fn a_refusal_waits_long() {
        let mut backoff = Backoff::new(Duration::from_secs(1), Duration::from_secs(8))
            .with_refusal(Duration::from_secs(60));
        for _ in 0..5 {
            let delay = backoff.after_refusal();
            assert!(delay >= Duration::from_secs(45) && delay <= Duration::from_secs(60));
        }
        assert!(
            backoff.next_delay() >= Duration::from_secs(4),
            "from the cap"
        );
        let short = Backoff::new(Duration::from_secs(1), Duration::from_secs(8))
            .with_refusal(Duration::from_secs(2))
            .after_refusal();
        assert!(
            short >= Duration::from_secs(6),
            "never below the cap: {short:?}"
        );
    }
}
