//! Backpressure toward the browser. Deliveries the client has not yet handled are counted in
//! bytes; once they reach the limit the transport stops reading, so a slow client leaves the
//! backlog in the kernel's socket buffer and in the browser instead of growing this process
//! without bound. The client acknowledges deliveries in the order it got them.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use tokio::sync::Notify;

/// Bytes delivered but not yet acknowledged at which reading stops. A single larger message
/// still goes through: the check is made before reading, never in the middle of a message.
pub const DEFAULT_LIMIT: usize = 16 * 1024 * 1024;

pub struct DeliveryWindow {
  limit: usize,
  /// Byte size of each unacknowledged delivery, oldest first.
  sizes: Mutex<VecDeque<usize>>,
  /// Sum of `sizes`, readable without the lock: the reader checks it for every message.
  bytes: AtomicUsize,
  /// Woken when an acknowledgement brings the total under the limit.
  room: Notify,
}

impl DeliveryWindow {
  pub fn new(limit: usize) -> Self {
    DeliveryWindow {
      limit,
      sizes: Mutex::new(VecDeque::new()),
      bytes: AtomicUsize::new(0),
      room: Notify::new(),
    }
  }

  fn sizes(&self) -> MutexGuard<'_, VecDeque<usize>> {
    self.sizes.lock().unwrap_or_else(PoisonError::into_inner)
  }

  /// Records a delivery of `bytes`; called before the delivery is handed over, so that its
  /// acknowledgement can never come first.
  pub(crate) fn delivered(&self, bytes: usize) {
    let mut sizes = self.sizes();
    sizes.push_back(bytes);
    self.bytes.fetch_add(bytes, Ordering::AcqRel);
  }

  /// The client has handled its `count` oldest outstanding deliveries.
  pub fn acknowledge(&self, count: usize) {
    let mut sizes = self.sizes();
    let count = count.min(sizes.len());
    let handled: usize = sizes.drain(..count).sum();
    let left = self.bytes.fetch_sub(handled, Ordering::AcqRel) - handled;
    if left < self.limit {
      self.room.notify_waiters();
    }
  }

  /// Bytes delivered and not yet acknowledged.
  pub fn outstanding_bytes(&self) -> usize {
    self.bytes.load(Ordering::Acquire)
  }

  pub(crate) fn is_full(&self) -> bool {
    self.outstanding_bytes() >= self.limit
  }

  /// Returns once the outstanding bytes are under the limit.
  pub(crate) async fn wait_for_room(&self) {
    loop {
      // Registered before the check, so an acknowledgement in between is not missed.
      let notified = self.room.notified();
      if !self.is_full() {
        return;
      }
      notified.await;
    }
  }
}

#[cfg(test)]
mod tests {
  use super::*;
  use std::sync::Arc;
  use std::time::Duration;

  #[tokio::test]
  async fn reading_waits_while_full_and_resumes_on_acknowledgement() {
    let window = Arc::new(DeliveryWindow::new(100));
    window.delivered(60);
    window.wait_for_room().await;
    window.delivered(60);
    assert!(window.is_full());
    let waiter = tokio::spawn({
      let window = window.clone();
      async move { window.wait_for_room().await }
    });
    tokio::time::sleep(Duration::from_millis(20)).await;
    assert!(!waiter.is_finished(), "must wait while 120 of 100 bytes are outstanding");
    window.acknowledge(1);
    tokio::time::timeout(Duration::from_secs(1), waiter).await.unwrap().unwrap();
    assert_eq!(window.outstanding_bytes(), 60);
  }

  #[test]
  fn acknowledging_more_than_outstanding_is_harmless() {
    let window = DeliveryWindow::new(10);
    window.delivered(5);
    window.acknowledge(3);
    assert_eq!(window.outstanding_bytes(), 0);
  }
}
