//! This process's CPU time and peak memory, read from /proc (Linux), the figures the Node
//! runner takes from `process.cpuUsage()` and `process.resourceUsage().maxRSS`.

/// CPU time (user + system) of the whole process, all threads, in ms.
pub fn cpu_ms() -> f64 {
  threads_cpu_ms().unwrap_or_else(process_cpu_ms)
}

/// The sum of each thread's time on a CPU (`schedstat`, in ns): precise to the ns, where the
/// ticks of /proc/self/stat count in 10 ms steps, too coarse for a run that uses little CPU.
fn threads_cpu_ms() -> Option<f64> {
  let mut total_ns = 0u64;
  for task in std::fs::read_dir("/proc/self/task").ok()? {
    let schedstat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
    total_ns += schedstat.split_whitespace().next()?.parse::<u64>().ok()?;
  }
  Some(total_ns as f64 / 1e6)
}

/// User + system time from /proc/self/stat, in USER_HZ ticks (100 per second).
fn process_cpu_ms() -> f64 {
  let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
  // The command name (field 2) may hold spaces; the fields after it are plain numbers.
  let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
  let fields: Vec<&str> = after_name.split_whitespace().collect();
  let ticks = |index: usize| fields.get(index).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
  // utime and stime are fields 14 and 15 (11 and 12 after the name).
  (ticks(11) + ticks(12)) * 10.0
}

/// Peak resident set size (VmHWM), in KiB.
pub fn max_rss_kib() -> u64 {
  let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
  status
    .lines()
    .find_map(|line| line.strip_prefix("VmHWM:"))
    .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
    .unwrap_or(0)
}
