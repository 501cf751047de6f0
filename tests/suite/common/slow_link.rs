//! A slow link between Chirp and the broker: a loopback TCP proxy that holds
//! every byte back for a latency and then trickles it at a fixed rate, in
//! both directions, as a poor mobile or satellite link does.

use std::io::{Read as _, Write as _};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// Forwards `127.0.0.1:<port>` to the broker at `upstream` slowly; stops
/// taking new connections when dropped (open ones end with their peers).
pub struct SlowLink {
    port: u16,
}

impl SlowLink {
    pub fn start(upstream: u16, latency: Duration, bytes_per_second: usize) -> SlowLink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the slow link");
        let port = listener.local_addr().expect("its address").port();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { return };
                let Ok(broker) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                let pace = Pace {
                    latency,
                    bytes_per_second,
                };
                pace.pipe(&client, &broker);
                pace.pipe(&broker, &client);
            }
        });
        SlowLink { port }
    }

    pub fn url(&self) -> String {
        format!("mqtt://127.0.0.1:{}", self.port)
    }
}

#[derive(Clone, Copy)]
struct Pace {
    latency: Duration,
    bytes_per_second: usize,
}

impl Pace {
    /// Copies `from` to `to`: a reader stamps each chunk with its arrival,
    /// a writer sends it `latency` later, a slice at a time at the rate.
    fn pipe(self, from: &TcpStream, to: &TcpStream) {
        let (mut from, mut to) = (
            from.try_clone().expect("clone"),
            to.try_clone().expect("clone"),
        );
        let (chunks_tx, chunks_rx) = crossbeam_channel::unbounded::<(Instant, Vec<u8>)>();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n @ 1..) = from.read(&mut buffer) {
                if chunks_tx
                    .send((Instant::now(), buffer[..n].to_vec()))
                    .is_err()
                {
                    return;
                }
            }
        });
        std::thread::spawn(move || {
            // A slice a tenth of a second's worth: the trickle.
            let slice = (self.bytes_per_second / 10).max(1);
            for (arrived, chunk) in chunks_rx {
                // The link's delay: this is what is simulated, not a wait.
                std::thread::sleep(
                    (arrived + self.latency).saturating_duration_since(Instant::now()),
                );
                for part in chunk.chunks(slice) {
                    if to.write_all(part).is_err() {
                        return;
                    }
                    let secs = part.len() as f64 / self.bytes_per_second as f64;
                    std::thread::sleep(Duration::from_secs_f64(secs));
                }
            }
            let _ = to.shutdown(Shutdown::Write);
        });
    }
}
