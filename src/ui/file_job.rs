//! A file read or written on a short-lived thread of its own, so the
//! window never waits on the disk (a slow network mount, a huge file).
//! The thread wakes the window when it is done; its outcome is looked
//! for each frame.

/// Where a job is.
pub enum JobState<T> {
    Running,
    Done(T),
    /// The thread ended without an outcome (it panicked).
    Lost,
}

pub struct FileJob<T> {
    outcome: crossbeam_channel::Receiver<T>,
}

impl<T: Send + 'static> FileJob<T> {
    /// Runs `work` on a thread called `name`; `ctx` is repainted when it ends.
    pub fn spawn(
        ctx: &egui::Context,
        name: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<Self> {
        let (sender, outcome) = crossbeam_channel::bounded(1);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                // The window may have dropped the job: then no one wants it.
                let _ = sender.send(work());
                ctx.request_repaint();
            })?;
        Ok(Self { outcome })
    }

    pub fn state(&self) -> JobState<T> {
        match self.outcome.try_recv() {
            Ok(outcome) => JobState::Done(outcome),
            Err(crossbeam_channel::TryRecvError::Empty) => JobState::Running,
            Err(crossbeam_channel::TryRecvError::Disconnected) => JobState::Lost,
        }
    }
}
