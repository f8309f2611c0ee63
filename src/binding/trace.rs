//! Timestamps for the benchmark's breakdown of a round trip (`npm run bench -- --breakdown`,
//! bench/README.md): with `CDP_NATIVE_TRACE` set in the environment, the sink notes when each
//! delivery became ready for JavaScript, on the clock `process.hrtime.bigint()` reads
//! (CLOCK_MONOTONIC), and JavaScript reads it back. Unset, it costs one flag test per delivery.

use std::sync::LazyLock;

static ENABLED: LazyLock<bool> = LazyLock::new(|| std::env::var_os("CDP_NATIVE_TRACE").is_some());

pub fn enabled() -> bool {
  *ENABLED
}

/// Nanoseconds on the monotonic clock Node's `process.hrtime` reads; 0 where unknown.
pub fn now_ns() -> u64 {
  #[cfg(unix)]
  {
    let now = rustix::time::clock_gettime(rustix::time::ClockId::Monotonic);
    u64::try_from(now.tv_sec).unwrap_or(0) * 1_000_000_000 + u64::try_from(now.tv_nsec).unwrap_or(0)
  }
  #[cfg(not(unix))]
  0
}
