//! This process's CPU time and peak memory, read from /proc (Linux), the figures the Node
//! runner takes from `process.cpuUsage()` and `process.resourceUsage().maxRSS`.

/// User + system CPU time of the whole process (all threads), in ms.
pub fn cpu_ms() -> f64 {
  let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
  // The command name (field 2) may hold spaces; the fields after it are plain numbers.
  let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
  let fields: Vec<&str> = after_name.split_whitespace().collect();
  let ticks = |index: usize| fields.get(index).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
  // utime and stime are fields 14 and 15 (11 and 12 after the name), in USER_HZ = 100 ticks/s.
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
