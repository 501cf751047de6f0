//! `--repeat N` for the benches that read their own arguments (frame cost,
//! search): how many times each measurement is taken.

/// `--repeat N` among the arguments (default 1).
pub fn repeat_arg(args: &[String]) -> usize {
    args.iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
        .max(1)
}
